import ExcelJS from 'exceljs'
import { formatDateTime } from '#shared/format.ts'
import type { Registration } from './events.schemas.ts'

const STATUS = { inscrito: 'Inscrito', espera: 'Lista de espera', cancelado: 'Cancelado' } as const

const HEADERS = [
  'Nome',
  'E-mail',
  'CPF',
  'Empresa',
  'Situação',
  'Inscrito em',
  'Presença',
  'Registrada por',
  'Certificado',
] as const

function row(r: Registration): string[] {
  return [
    r.name,
    r.email,
    r.cpfMasked ?? '',
    r.clientOrgName ?? '',
    STATUS[r.status],
    formatDateTime(r.registeredAt),
    r.attendedAt ? formatDateTime(r.attendedAt) : '',
    r.attendanceSource === 'link' ? 'Link de acesso' : r.attendanceSource === 'manual' ? 'Equipe' : '',
    r.certificate ? `${r.certificate.code}${r.certificate.status === 'revoked' ? ' (revogado)' : ''}` : '',
  ]
}

/** A cell a spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with an apostrophe. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function attendanceCsv(items: Registration[]): Buffer {
  const esc = (v: string) => {
    const s = neutralise(v)
    return /[";\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  const lines = [HEADERS.join(';'), ...items.map((r) => row(r).map(esc).join(';'))]
  // BOM: Excel in pt-BR opens UTF-8 with accents correctly; ';' is its list separator.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}

export async function attendanceXlsx(title: string, items: Registration[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Cadastra'
  const ws = wb.addWorksheet('Presença')
  ws.addRow([title])
  ws.getRow(1).font = { bold: true, size: 13 }
  ws.addRow([...HEADERS])
  ws.getRow(2).font = { bold: true }
  for (const r of items) ws.addRow(row(r).map(neutralise))
  ws.columns.forEach((c, i) => {
    c.width = [32, 34, 16, 30, 16, 18, 18, 16, 18][i] ?? 16
  })
  ws.views = [{ state: 'frozen', ySplit: 2 }]
  return Buffer.from(await wb.xlsx.writeBuffer())
}
