import { renderMail } from '../../platform/mail/layout.ts'

/** The e-mail that gives a new staff member access: a single-use link to choose a password. */
export function staffAccessMail(input: {
  name: string
  tenantName: string
  link: string | null
  loginUrl: string
}) {
  const first = input.name.split(' ')[0]
  if (!input.link) {
    return renderMail({
      subject: `Você agora faz parte da equipe de ${input.tenantName} no Cadastra`,
      tenantName: input.tenantName,
      greeting: `Olá, ${first}!`,
      paragraphs: [
        `Você foi incluído(a) na equipe de ${input.tenantName} no Cadastra.`,
        'Entre com o e-mail e a senha que você já usa no Cadastra e escolha o inquilino no topo da tela.',
      ],
      action: { label: 'Entrar no Cadastra', url: input.loginUrl },
    })
  }
  return renderMail({
    subject: `Seu acesso à equipe de ${input.tenantName} no Cadastra`,
    tenantName: input.tenantName,
    greeting: `Olá, ${first}!`,
    paragraphs: [
      `Você foi incluído(a) na equipe de ${input.tenantName} no Cadastra.`,
      'Para começar, defina a sua senha pelo link abaixo. Ele vale por 72 horas e só pode ser usado uma vez.',
    ],
    action: { label: 'Definir minha senha', url: input.link },
    footnote:
      'Se você não esperava este e-mail, ignore-o: nenhum acesso é liberado sem a definição da senha.',
  })
}
