import type { App } from '#server/app.ts'
import { totpCode } from '#server/platform/security/totp.ts'
import { TestClient } from '../helpers/client.ts'
import type { TenantFixture } from './tenants.ts'

let seq = 0
/** A valid CNPJ for each call (check digits computed), so client orgs never collide. */
export function makeCnpj(): string {
  seq++
  const base = `${String(Date.now() % 1e6).padStart(6, '0')}${String(seq % 100).padStart(2, '0')}0001`
  const dv = (digits: string, weights: number[]) => {
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * weights[i], 0)
    const r = sum % 11
    return r < 2 ? 0 : 11 - r
  }
  const d1 = dv(base, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
  const d2 = dv(`${base}${d1}`, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
  return `${base}${d1}${d2}`
}

export async function createOrg(t: TenantFixture, name: string) {
  const res = await t.admin.post('/api/v1/client-orgs', { name, document: makeCnpj(), portalEnabled: true })
  if (res.status !== 201) throw new Error(`org: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; name: string; document: string }
}

export async function lastMailTo(app: App, email: string) {
  const res = await app.inject({ url: `/api/dev/mail?to=${encodeURIComponent(email)}` })
  return (JSON.parse(res.body) as { subject: string; text: string; links: string[] }[])[0]
}

export function tokenFrom(link: string): string {
  return new URL(link).searchParams.get('token')!
}

/**
 * Accepts an invitation with a new password and enrols the KEYPASS: returns the signed-in client,
 * the TOTP secret and the recovery codes, like a person who went through the whole first access.
 */
export async function acceptAndEnrol(app: App, token: string, password: string) {
  const c = new TestClient(app)
  await c.get('/api/v1/auth/session')
  const accepted = await c.post('/api/v1/invitations/accept', {
    token,
    password,
    passwordConfirmation: password,
  })
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`)
  const setup = await c.post('/api/v1/auth/keypass/setup')
  const secret = setup.body.secret as string
  const confirmed = await c.post('/api/v1/auth/keypass/confirm', { code: totpCode(secret) })
  if (confirmed.status !== 200)
    throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`)
  return { client: c, secret, recoveryCodes: confirmed.body.recoveryCodes as string[], accepted }
}

/**
 * A client user who went through the whole first access: created by the tenant's admin with this
 * body (the invitation sent now), the invitation accepted with `password` and the KEYPASS enrolled.
 * Returns the user's id and the signed-in portal client.
 */
export async function portalClientUser(
  app: App,
  tenant: TenantFixture,
  body: Record<string, unknown> & { email: string },
  password: string,
  /** The invitation e-mail's text, when the app delivers by SMTP instead of the local mailbox. */
  invitationText?: (email: string) => string,
): Promise<{ id: string; client: TestClient }> {
  const res = await tenant.admin.post('/api/v1/client-users', { ...body, send: 'now' })
  if (res.status !== 201) throw new Error(`client user: ${res.status} ${JSON.stringify(res.body)}`)
  await app.jobs.drain()
  const token = invitationText
    ? /convite\?token=([A-Za-z0-9_-]+)/.exec(invitationText(body.email))![1]
    : tokenFrom((await lastMailTo(app, body.email)).links.find((l) => l.includes('/convite?token='))!)
  const { client } = await acceptAndEnrol(app, token, password)
  return { id: res.body.id as string, client }
}
