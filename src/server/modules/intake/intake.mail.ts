import { renderMail } from '../../platform/mail/layout.ts'

export function fichaReceivedMail(i: {
  senderName: string
  tenantName: string
  protocol: string
  statusUrl: string
}) {
  return renderMail({
    subject: `Ficha cadastral recebida — protocolo ${i.protocol}`,
    tenantName: i.tenantName,
    greeting: `Olá, ${i.senderName.split(' ')[0]}!`,
    paragraphs: [
      `Recebemos a sua ficha cadastral. O número de protocolo é ${i.protocol}.`,
      'Guarde este e-mail: pelo link abaixo você acompanha a situação da ficha e, se pedirmos alguma correção, corrige por ele mesmo.',
    ],
    action: { label: 'Acompanhar a ficha', url: i.statusUrl },
  })
}

export function fichaReturnedMail(i: {
  senderName: string
  tenantName: string
  protocol: string
  missing: string[]
  note?: string
  correctUrl: string
}) {
  return renderMail({
    subject: `Ficha ${i.protocol}: precisamos de correções`,
    tenantName: i.tenantName,
    greeting: `Olá, ${i.senderName.split(' ')[0]}!`,
    paragraphs: [
      `A ficha cadastral de protocolo ${i.protocol} foi devolvida para correção. Falta:`,
      ...i.missing.map((m) => `• ${m}`),
      ...(i.note ? [`Observação da equipe: ${i.note}`] : []),
      'Corrija pelo link abaixo; a ficha volta para a nossa análise assim que você enviar.',
    ],
    action: { label: 'Corrigir a ficha', url: i.correctUrl },
  })
}

export function fichaForwardedMail(i: {
  tenantName: string
  protocol: string
  summary: string[]
  note?: string
}) {
  return renderMail({
    subject: `Ficha cadastral ${i.protocol} encaminhada para cadastro`,
    tenantName: i.tenantName,
    greeting: 'Olá!',
    paragraphs: [
      `Encaminhamos a ficha cadastral de protocolo ${i.protocol}, completa e verificada, para os trâmites de cadastro no sistema.`,
      ...i.summary,
      ...(i.note ? [`Observação: ${i.note}`] : []),
    ],
  })
}
