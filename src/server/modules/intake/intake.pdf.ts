import { formatDateTime } from '#shared/format.ts'
import { renderPdf } from '../../platform/pdf/document.ts'
import type { FichaData } from './intake.schemas.ts'
import { STATUS_LABELS } from './intake.workflow.ts'
import type { FichaStatus } from './intake.tables.ts'

/** The ficha cadastral as a PDF: what is e-mailed to the registration team when it is forwarded. */
export function fichaPdf(input: {
  tenantName: string
  protocol: string
  status: FichaStatus
  receivedAt: Date
  senderName: string
  senderEmail: string
  data: FichaData
}): Promise<Uint8Array> {
  const d = input.data
  return renderPdf({
    header: input.tenantName,
    title: `Ficha cadastral ${input.protocol}`,
    subtitle: `Recebida em ${formatDateTime(input.receivedAt)} · Situação: ${STATUS_LABELS[input.status]} · Enviada por ${input.senderName} <${input.senderEmail}>`,
    sections: [
      {
        heading: 'Órgão / entidade',
        rows: [
          ['Nome', d.organization?.name ?? ''],
          ['CNPJ', d.organization?.document ?? ''],
        ],
      },
      {
        heading: 'Unidade',
        rows: [
          ['Nome', d.unit?.name ?? ''],
          ['Endereço', d.unit?.address ?? ''],
        ],
      },
      {
        heading: 'Responsável',
        rows: [
          ['Nome', d.responsible?.name ?? ''],
          ['Cargo', d.responsible?.role ?? ''],
          ['E-mail', d.responsible?.email ?? ''],
          ['Telefone', d.responsible?.phone ?? ''],
          ['CPF', d.responsible?.cpf ?? ''],
        ],
      },
      {
        heading: `Usuários a cadastrar (${d.users?.length ?? 0})`,
        lines: (d.users ?? []).map(
          (u, i) =>
            `${i + 1}. ${u.name ?? '—'} · ${u.email ?? '—'} · CPF ${u.cpf || '—'} · Perfil: ${u.profile ?? '—'}`,
        ),
      },
      {
        heading: 'Contatos',
        lines: (d.contacts ?? []).map((c) => `${c.name ?? '—'} · ${c.email ?? '—'} · ${c.phone ?? '—'}`),
      },
      ...(d.notes ? [{ heading: 'Observações', lines: [d.notes] }] : []),
    ],
    footer: `Cadastra · ${input.tenantName} · protocolo ${input.protocol}`,
  })
}
