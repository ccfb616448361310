import { toCalendarDate } from '#shared/business-days.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import { clientsRepository } from '../clients/index.ts'
import { getTenantName } from '../tenants/index.ts'
import { renderContractPdf } from './contract.pdf.ts'
import {
  buildContractData,
  DEFAULT_CONTRACT_TEMPLATE,
  DEFAULT_CONTRACT_TITLE,
  renderTemplate,
} from './contract.template.ts'
import { PlanErrors } from './plans.errors.ts'
import { plansRepository } from './plans.repository.ts'
import { SERVICE_LABELS } from './plans.schemas.ts'
import type { PlansDeps } from './plans.service.ts'

/** "Imprimir" (seed 5.4.1.1.1.2): the client plan's contract from its template, as a PDF. */
export async function renderClientPlanContract(
  deps: PlansDeps,
  actor: Actor,
  id: string,
): Promise<{ pdf: Uint8Array; filename: string }> {
  const repo = plansRepository(deps.db)
  const [row] = await repo.clientPlans(actor.tenantId, { id })
  if (!row) throw PlanErrors.CLIENT_PLAN_NOT_FOUND()
  const cp = row.cp
  if (!cp.contractNumber || !cp.saleDate || !cp.validityMonths) throw PlanErrors.CONTRACT_MISSING()
  const template = cp.contractTemplateId ? await repo.template(actor.tenantId, cp.contractTemplateId) : null
  const org = (await clientsRepository(deps.db).findById(actor.tenantId, cp.clientOrgId))!.org
  const services = await repo.services(actor.tenantId, [id])
  const tenantName = await getTenantName(deps.db, actor.tenantId)
  const data = buildContractData({
    tenantName,
    client: {
      name: org.name,
      tradeName: org.tradeName,
      documentType: org.documentType,
      document: org.document,
      stateRegistration: org.stateRegistration,
      address: cp.billingAddress,
    },
    plan: {
      name: row.plan.name,
      priceCents: row.plan.priceCents,
      billingCycle: row.plan.billingCycle,
      services: services.map((s) => SERVICE_LABELS[s.kind]),
    },
    installationAddress: cp.installationAddress,
    contract: {
      number: cp.contractNumber,
      saleDate: cp.saleDate,
      installationFeeCents: cp.installationFeeCents,
      installments: cp.installments,
      validityMonths: cp.validityMonths,
    },
    billing: { paymentMethod: cp.paymentMethod, dueDay: cp.dueDay },
    today: toCalendarDate(deps.clock.now()),
  })
  const pdf = await renderContractPdf({
    title: template?.name ?? DEFAULT_CONTRACT_TITLE,
    tenantName,
    body: renderTemplate(template?.body ?? DEFAULT_CONTRACT_TEMPLATE, data),
    contractNumber: cp.contractNumber,
    signatures: [tenantName, org.name],
  })
  await deps.db.transaction(async (tx) =>
    recordAudit(tx, actor, {
      entity: 'client_plan',
      entityId: id,
      action: 'contract_printed',
      after: { contractNumber: cp.contractNumber, template: template?.name ?? DEFAULT_CONTRACT_TITLE },
    }),
  )
  return { pdf, filename: `contrato-${cp.contractNumber.replace(/[^0-9A-Za-z-]+/g, '-')}.pdf` }
}
