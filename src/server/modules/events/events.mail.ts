import { formatDate, formatHours, formatPeriod } from '#shared/format.ts'
import { renderMail } from '../../platform/mail/layout.ts'
import type { EventStatus } from './events.tables.ts'

export type EventMailKind =
  | 'registration'
  | 'status'
  | 'resend'
  | 'reminder'
  | 'cancel'
  | 'certificate'
  | 'cpf_required'

export type EventMailInfo = {
  tenantName: string
  description: string
  startsAt: Date
  endsAt: Date
  status: EventStatus
  location: string | null
  online: boolean
  workloadHours: number
  publicUrl: string
  sessions: { description: string; startsAt: Date; endsAt: Date }[]
}

const STATUS_TEXT: Record<EventStatus, string> = {
  aberto: 'com inscrições abertas',
  confirmado: 'confirmado',
  cancelado: 'cancelado',
  realizado: 'realizado',
}

function details(e: EventMailInfo): string[] {
  return [
    `Quando: ${formatPeriod(e.startsAt, e.endsAt)} (horário de Brasília).`,
    e.online
      ? 'Onde: online. Use o seu link pessoal abaixo; ele abre uma hora antes do início e registra a sua presença.'
      : `Onde: ${e.location ?? 'local a confirmar'}.`,
    ...(e.sessions.length
      ? [
          `Sessões: ${e.sessions.map((s) => `${s.description} — ${formatPeriod(s.startsAt, s.endsAt)}`).join('; ')}.`,
        ]
      : []),
    `Carga horária: ${formatHours(e.workloadHours)}.`,
  ]
}

/** The e-mail of a status change, a resend or the eve's reminder, to one participant. */
/**
 * What a mailing to the participants says in one line (the e-mail's subject and first paragraph),
 * also the portal notice of client users who chose "Sistema" for "Eventos e treinamentos".
 */
export function eventNotice(kind: 'status' | 'resend' | 'reminder', e: EventMailInfo) {
  if (e.status === 'cancelado')
    return {
      title: `Evento cancelado: ${e.description}`,
      lead: `O evento "${e.description}", previsto para ${formatPeriod(e.startsAt, e.endsAt)}, foi cancelado.`,
    }
  return {
    title:
      kind === 'reminder'
        ? `Lembrete: ${e.description} — amanhã`
        : kind === 'status'
          ? `Evento ${STATUS_TEXT[e.status]}: ${e.description}`
          : `Informações do evento: ${e.description}`,
    lead:
      kind === 'reminder'
        ? `Lembrete: o evento "${e.description}" acontece amanhã.`
        : `O evento "${e.description}" está ${STATUS_TEXT[e.status]}.`,
  }
}

export function eventStatusMail(i: {
  kind: 'status' | 'resend' | 'reminder'
  event: EventMailInfo
  participantName: string
  joinUrl: string | null
  waitlisted: boolean
}) {
  const e = i.event
  const first = i.participantName.split(' ')[0]
  const { title: subject, lead } = eventNotice(i.kind, e)
  if (e.status === 'cancelado') {
    return renderMail({
      subject,
      tenantName: e.tenantName,
      greeting: `Olá, ${first}!`,
      paragraphs: [lead, 'O convite de calendário anexo remove o evento da sua agenda.'],
      action: { label: 'Ver o evento', url: e.publicUrl },
    })
  }
  return renderMail({
    subject,
    tenantName: e.tenantName,
    greeting: `Olá, ${first}!`,
    paragraphs: [
      lead,
      ...(i.waitlisted ? ['Você está na lista de espera: avisaremos se uma vaga abrir.'] : []),
      ...details(e),
      'O convite de calendário anexo (.ics) adiciona o evento à sua agenda.',
    ],
    action:
      i.joinUrl && !i.waitlisted
        ? { label: 'Entrar no evento', url: i.joinUrl }
        : { label: 'Ver o evento', url: e.publicUrl },
    footnote: i.joinUrl ? 'O link é pessoal: não o repasse, ele registra a sua presença.' : undefined,
  })
}

/** Confirmation of a registration (or of a place on the waitlist, or of a promotion from it). */
export function registrationMail(i: {
  event: EventMailInfo
  participantName: string
  joinUrl: string | null
  waitlisted: boolean
  promoted?: boolean
}) {
  const e = i.event
  return renderMail({
    subject: i.waitlisted
      ? `Lista de espera: ${e.description}`
      : i.promoted
        ? `Vaga confirmada: ${e.description}`
        : `Inscrição confirmada: ${e.description}`,
    tenantName: e.tenantName,
    greeting: `Olá, ${i.participantName.split(' ')[0]}!`,
    paragraphs: [
      i.waitlisted
        ? `As vagas do evento "${e.description}" estão preenchidas: você está na lista de espera e será avisado se uma vaga abrir.`
        : i.promoted
          ? `Abriu uma vaga e a sua inscrição no evento "${e.description}" está confirmada.`
          : `A sua inscrição no evento "${e.description}" está confirmada.`,
      ...details(e),
      ...(i.waitlisted ? [] : ['O convite de calendário anexo (.ics) adiciona o evento à sua agenda.']),
    ],
    action:
      i.joinUrl && !i.waitlisted
        ? { label: 'Entrar no evento', url: i.joinUrl }
        : { label: 'Ver o evento', url: e.publicUrl },
  })
}

export function registrationCancelledMail(i: { event: EventMailInfo; participantName: string }) {
  return renderMail({
    subject: `Inscrição cancelada: ${i.event.description}`,
    tenantName: i.event.tenantName,
    greeting: `Olá, ${i.participantName.split(' ')[0]}!`,
    paragraphs: [
      `A sua inscrição no evento "${i.event.description}" (${formatPeriod(i.event.startsAt, i.event.endsAt)}) foi cancelada.`,
      'O convite de calendário anexo remove o evento da sua agenda.',
    ],
  })
}

export function certificateMail(i: {
  tenantName: string
  participantName: string
  eventDescription: string
  code: string
  verifyUrl: string
}) {
  return renderMail({
    subject: `Certificado: ${i.eventDescription}`,
    tenantName: i.tenantName,
    greeting: `Olá, ${i.participantName.split(' ')[0]}!`,
    paragraphs: [
      `Obrigado pela participação no evento "${i.eventDescription}". O seu certificado está anexo em PDF.`,
      `Código de verificação: ${i.code}. Qualquer pessoa pode conferir a autenticidade pelo link abaixo ou pelo QR code do certificado.`,
    ],
    action: { label: 'Verificar o certificado', url: i.verifyUrl },
  })
}

export function cpfRequiredMail(i: {
  tenantName: string
  participantName: string
  eventDescription: string
  cpfUrl: string
  dueOn: string
}) {
  return renderMail({
    subject: `Informe seu CPF para receber o certificado: ${i.eventDescription}`,
    tenantName: i.tenantName,
    greeting: `Olá, ${i.participantName.split(' ')[0]}!`,
    paragraphs: [
      `A sua presença no evento "${i.eventDescription}" foi registrada. Para emitir o certificado precisamos do seu CPF, que ainda não está no nosso cadastro.`,
      `Informe-o pelo link abaixo; o certificado chega por e-mail logo depois (prazo: ${formatDate(i.dueOn)}, ou em seguida se você informar depois disso).`,
    ],
    action: { label: 'Informar o CPF', url: i.cpfUrl },
  })
}
