import { addDays } from './plans.dates.ts'
import { toCalendarDate } from '#shared/business-days.ts'
import type { z } from '#shared/validation.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { isUniqueViolation } from '../../platform/errors.ts'
import { assertPasswordAcceptable, hashPassword } from '../auth/index.ts'
import { clientUsersRepository } from '../client-users/index.ts'
import { clientsRepository, createClientOrgInTx, normalizeDocument } from '../clients/index.ts'
import { PlanErrors } from './plans.errors.ts'
import { plansRepository, type SetupRow } from './plans.repository.ts'
import type { CheckLoginBody, ClientSetup, SaveClientSetupBody, TrialSignupBody } from './plans.schemas.ts'
import type { PlansDeps } from './plans.service.ts'

/**
 * The reseller's new-client wizard (seed 002): the steps are checked as the user moves on, and the
 * final "Iniciar teste grátis" creates everything in one transaction — abandoning creates nothing.
 */

/** Step 2: the login e-mail is free (in this tenant and as a Cadastra identity) and the password passes the meter. */
export async function checkLogin(deps: PlansDeps, actor: Actor, body: z.infer<typeof CheckLoginBody>) {
  await assertLoginFree(deps.db, actor.tenantId, body.email)
  await assertPasswordAcceptable(deps.db, actor.tenantId, body.password, body.passwordConfirmation, {
    email: body.email,
  })
  return { ok: true as const }
}

async function assertLoginFree(db: PlansDeps['db'], tenantId: string, email: string) {
  const repo = clientUsersRepository(db)
  if ((await repo.findByEmail(tenantId, email)) || (await repo.findIdentityByEmail(email)))
    throw PlanErrors.CLIENT_LOGIN_TAKEN({
      fields: { email: 'Este e-mail já está sendo utilizado por outro cliente. Informe outro e-mail.' },
    })
}

/** Step 3: the CNPJ/CPF is not a client of the tenant yet. */
export async function checkCompany(deps: PlansDeps, actor: Actor, document: string) {
  await assertCompanyFree(deps.db, actor.tenantId, document)
  return { ok: true as const }
}

async function assertCompanyFree(db: PlansDeps['db'], tenantId: string, value: string) {
  const existing = await clientsRepository(db).findByDocument(tenantId, normalizeDocument(value).document)
  if (existing) {
    const message = `Já existe um cliente com este CNPJ/CPF: ${existing.name.replace(/\.+$/, '')}.`
    throw PlanErrors.CLIENT_DUPLICATE({ message, fields: { document: message } })
  }
}

export async function startTrial(deps: PlansDeps, actor: Actor, body: TrialSignupBody) {
  const repo = plansRepository(deps.db)
  const chosen = await repo.plans(actor.tenantId, { ids: body.planIds })
  if (chosen.length !== body.planIds.length)
    throw PlanErrors.PLAN_NOT_FOUND({ fields: { planIds: 'Um dos planos escolhidos não existe mais.' } })
  if (chosen.some((p) => !p.plan.isActive))
    throw PlanErrors.PLAN_INACTIVE({ fields: { planIds: 'Um dos planos escolhidos está inativo.' } })
  await checkLogin(deps, actor, body.login)
  await assertCompanyFree(deps.db, actor.tenantId, body.company.document)
  const passwordHash = await hashPassword(body.login.password)
  const today = toCalendarDate(deps.clock.now())
  const trialDays = Math.max(...chosen.map((p) => p.plan.trialDays))
  const trialEndsOn = trialDays > 0 ? addDays(today, trialDays) : null

  return deps.db.transaction(async (tx) => {
    const plansTx = plansRepository(tx)
    const address = { ...body.address, complement: body.address.complement ?? null }
    const orgId = await createClientOrgInTx(tx, actor, {
      name: body.company.name,
      document: body.company.document,
      tradeName: body.company.tradeName ?? null,
      stateRegistration: body.company.stateRegistration || null,
      emails: [...new Set([body.company.email, body.login.email].filter((e): e is string => Boolean(e)))],
      phones: [...new Set([body.contact.phone, body.company.phone].filter((p): p is string => Boolean(p)))],
      environment: 'homologacao',
      portalEnabled: true,
      addresses: [{ kind: 'principal', ...address }],
    })
    await plansTx.upsertSetup({ tenantId: actor.tenantId, clientOrgId: orgId, trialEndsOn })
    for (const { plan } of chosen) {
      const number = await plansTx.nextPlanNumber(actor.tenantId)
      const cp = await plansTx.insertClientPlan({
        tenantId: actor.tenantId,
        clientOrgId: orgId,
        planId: plan.id,
        number,
        status: plan.initialStatus,
        paymentMethod: 'boleto',
        dueDay: 10,
        billingAddress: address,
        trialEndsOn: plan.trialDays > 0 ? addDays(today, plan.trialDays) : null,
        createdBy: actor.userId,
      })
      await plansTx.addHistory({
        tenantId: actor.tenantId,
        clientPlanId: cp.id,
        kind: 'created',
        toStatus: cp.status,
        summary: `Plano ${plan.name} contratado pelo cadastro de novo cliente (teste grátis${cp.trialEndsOn ? ` até ${cp.trialEndsOn.split('-').reverse().join('/')}` : ''}).`,
        actorUserId: actor.userId,
        actorName: actor.name,
      })
    }
    // The login user: the reseller chose the password, so the account is ready (no invitation).
    const users = clientUsersRepository(tx)
    const identity = await users
      .insertIdentity({ email: body.login.email, name: body.contact.name, passwordHash })
      .catch((err) => {
        throw isUniqueViolation(err)
          ? PlanErrors.CLIENT_LOGIN_TAKEN({ fields: { email: 'Este e-mail já está sendo utilizado.' } })
          : err
      })
    const now = new Date()
    const cu = await users.insert({
      tenantId: actor.tenantId,
      userId: identity.id,
      name: body.contact.name,
      email: body.login.email,
      phone: body.contact.phone,
      portalActive: true,
      acceptedAt: now,
    })
    await users.replaceCompanies(actor.tenantId, cu.id, [orgId])
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: orgId,
      action: 'trial_signup',
      after: {
        plans: chosen.map((p) => p.plan.name),
        login: body.login.email,
        contact: body.contact.name,
        environment: 'homologacao',
        trialEndsOn,
      },
    })
    return { clientOrgId: orgId, trialEndsOn, environment: 'homologacao' as const }
  })
}

// ── First access and the move to Produção ────────────────────────────────────────────────

async function loadOrg(db: PlansDeps['db'], tenantId: string, id: string) {
  const row = await clientsRepository(db).findById(tenantId, id)
  if (!row) throw PlanErrors.CLIENT_NOT_FOUND()
  return row.org
}

function setupDto(
  org: { id: string; name: string; environment: 'homologacao' | 'producao' },
  s: SetupRow | null,
): z.infer<typeof ClientSetup> {
  return {
    clientOrgId: org.id,
    clientName: org.name,
    environment: org.environment,
    trialEndsOn: s?.trialEndsOn ?? null,
    certificateType: s?.certificateType ?? null,
    invoiceSeries: s?.invoiceSeries ?? null,
    nextInvoiceNumber: s?.nextInvoiceNumber ?? null,
    completedAt: s?.completedAt?.toISOString() ?? null,
    movedToProductionAt: s?.movedToProductionAt?.toISOString() ?? null,
  }
}

export async function getSetup(deps: PlansDeps, actor: Actor, clientOrgId: string) {
  const org = await loadOrg(deps.db, actor.tenantId, clientOrgId)
  return setupDto(org, await plansRepository(deps.db).setup(actor.tenantId, clientOrgId))
}

export async function saveSetup(
  deps: PlansDeps,
  actor: Actor,
  clientOrgId: string,
  body: z.infer<typeof SaveClientSetupBody>,
) {
  return deps.db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor.tenantId, clientOrgId)
    const repo = plansRepository(tx)
    const before = await repo.setup(actor.tenantId, clientOrgId, true)
    const after = await repo.upsertSetup({
      tenantId: actor.tenantId,
      clientOrgId,
      trialEndsOn: before?.trialEndsOn ?? null,
      certificateType: body.certificateType,
      invoiceSeries: body.invoiceSeries,
      nextInvoiceNumber: body.nextInvoiceNumber,
      completedAt: before?.completedAt ?? new Date(),
      movedToProductionAt: before?.movedToProductionAt ?? null,
    })
    await recordAudit(tx, actor, {
      entity: 'client_setup',
      entityId: clientOrgId,
      action: 'update',
      before: before && {
        certificateType: before.certificateType,
        invoiceSeries: before.invoiceSeries,
        nextInvoiceNumber: before.nextInvoiceNumber,
      },
      after: body,
    })
    return setupDto(org, after)
  })
}

export async function moveToProduction(deps: PlansDeps, actor: Actor, clientOrgId: string) {
  return deps.db.transaction(async (tx) => {
    const org = await loadOrg(tx, actor.tenantId, clientOrgId)
    if (org.environment === 'producao') throw PlanErrors.CLIENT_ALREADY_PRODUCTION()
    const repo = plansRepository(tx)
    const setup = await repo.setup(actor.tenantId, clientOrgId, true)
    if (!setup?.completedAt || !setup.certificateType || !setup.invoiceSeries || !setup.nextInvoiceNumber)
      throw PlanErrors.CLIENT_SETUP_INCOMPLETE()
    await clientsRepository(tx).setEnvironment(actor.tenantId, clientOrgId, 'producao')
    const after = await repo.upsertSetup({ ...setup, movedToProductionAt: new Date() })
    await recordAudit(tx, actor, {
      entity: 'client_org',
      entityId: clientOrgId,
      action: 'move_to_production',
      before: { environment: 'homologacao' },
      after: { environment: 'producao' },
    })
    return setupDto({ ...org, environment: 'producao' }, after)
  })
}
