import { renderMail } from '../../platform/mail/layout.ts'

/** The invitation: a single-use link to create the password (or to link an existing account). */
export function invitationMail(input: {
  name: string
  tenantName: string
  link: string
  mode: 'new' | 'link'
  ttlDays: number
}) {
  const first = input.name.split(' ')[0]
  const validity = `O link vale por ${input.ttlDays} ${input.ttlDays === 1 ? 'dia' : 'dias'} e só pode ser usado uma vez.`
  if (input.mode === 'link') {
    return renderMail({
      subject: `${input.tenantName} convidou você para o Portal do Cliente`,
      tenantName: input.tenantName,
      greeting: `Olá, ${first}!`,
      paragraphs: [
        `${input.tenantName} liberou o seu acesso ao Portal do Cliente no Cadastra.`,
        'Já existe uma conta Cadastra com este e-mail. Clique em "Vincular contas" e informe a senha que você já usa: depois disso, um único login dá acesso aos dois lugares.',
        validity,
      ],
      action: { label: 'Vincular contas', url: input.link },
      footnote:
        'Se você não conhece esta empresa, ignore este e-mail: nada muda na sua conta sem a sua senha.',
    })
  }
  return renderMail({
    subject: `${input.tenantName} convidou você para o Portal do Cliente`,
    tenantName: input.tenantName,
    greeting: `Olá, ${first}!`,
    paragraphs: [
      `${input.tenantName} cadastrou você no Portal do Cliente do Cadastra.`,
      'Clique em "Registre agora" para criar a sua senha. Em seguida, o sistema gera o seu KEYPASS, o código do aplicativo autenticador que você usará junto com a senha para entrar.',
      validity,
    ],
    action: { label: 'Registre agora', url: input.link },
    footnote: 'Se o e-mail não era para você, ignore-o: nenhum acesso é liberado sem a criação da senha.',
  })
}

export function renewalRequestMail(input: {
  staffName: string
  tenantName: string
  userName: string
  userEmail: string
  url: string
}) {
  return renderMail({
    subject: `Pedido de novo convite: ${input.userName}`,
    tenantName: input.tenantName,
    greeting: `Olá, ${input.staffName.split(' ')[0]}!`,
    paragraphs: [
      `${input.userName} (${input.userEmail}) abriu um convite expirado do Portal do Cliente e pediu um novo.`,
      'Confira o e-mail no cadastro e use "Reenviar convite".',
    ],
    action: { label: 'Abrir usuários de clientes', url: input.url },
  })
}
