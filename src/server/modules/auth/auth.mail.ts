import { renderMail } from '../../platform/mail/layout.ts'

export function passwordResetMail(input: { name: string; tenantName: string; link: string }) {
  return renderMail({
    subject: 'Redefinição de senha do Cadastra',
    tenantName: input.tenantName,
    greeting: `Olá, ${input.name.split(' ')[0]}!`,
    paragraphs: [
      'Recebemos um pedido para redefinir a senha da sua conta no Cadastra.',
      'Use o link abaixo para escolher uma nova senha. Ele vale por 2 horas e só pode ser usado uma vez.',
    ],
    action: { label: 'Redefinir minha senha', url: input.link },
    footnote: 'Se não foi você que pediu, ignore este e-mail: a sua senha atual continua valendo.',
  })
}
