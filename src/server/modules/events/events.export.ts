import { formatDateTime } from '#shared/format.ts'
import { type ExportColumn, writeCsv, writeXlsx } from '../../platform/spreadsheet/write.ts'
import type { Registration } from './events.schemas.ts'

const STATUS = { inscrito: 'Inscrito', espera: 'Lista de espera', cancelado: 'Cancelado' } as const

const COLUMNS: ExportColumn<Registration>[] = [
  { header: 'Nome', width: 32, value: (r) => r.name },
  { header: 'E-mail', width: 34, value: (r) => r.email },
  { header: 'CPF', width: 16, value: (r) => r.cpfMasked ?? '' },
  { header: 'Empresa', width: 30, value: (r) => r.clientOrgName ?? '' },
  { header: 'Situação', width: 16, value: (r) => STATUS[r.status] },
  { header: 'Inscrito em', width: 18, value: (r) => formatDateTime(r.registeredAt) },
  { header: 'Presença', width: 18, value: (r) => (r.attendedAt ? formatDateTime(r.attendedAt) : '') },
  {
    header: 'Registrada por',
    width: 16,
    value: (r) =>
      r.attendanceSource === 'link' ? 'Link de acesso' : r.attendanceSource === 'manual' ? 'Equipe' : '',
  },
  {
    header: 'Certificado',
    width: 18,
    value: (r) =>
      r.certificate ? `${r.certificate.code}${r.certificate.status === 'revoked' ? ' (revogado)' : ''}` : '',
  },
]

/** The attendance list as CSV (formula cells neutralised by the platform writer). */
export function attendanceCsv(items: Registration[]): Buffer {
  return writeCsv(COLUMNS, items)
}

export function attendanceXlsx(title: string, items: Registration[]): Promise<Buffer> {
  return writeXlsx('Presença', COLUMNS, items, { title })
}
