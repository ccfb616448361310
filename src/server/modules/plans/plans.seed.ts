import type { Db } from '../../platform/db/database.ts'
import { agendaRoles, technicians } from '../agenda/agenda.tables.ts'
import { DEFAULT_CONTRACT_TEMPLATE, DEFAULT_CONTRACT_TITLE } from './contract.template.ts'
import { plansRepository } from './plans.repository.ts'

const WEEKDAYS: [string, string][] = [
  ['08:00', '12:00'],
  ['13:00', '18:00'],
]

/**
 * Demo catalog for a newcomer: the seed guides' two worlds — fiscal issuers sold with a free trial
 * (seed 002) and internet plans with RADIUS and e-mail (seed 003) — plus an installer's agenda and a
 * contract template.
 */
export async function seedDemoCatalogInTx(tx: Db, tenantId: string): Promise<void> {
  const repo = plansRepository(tx)
  const emissores = await repo.insertCategory({ tenantId, name: 'Emissores Fiscais', sort: 1 })
  const internet = await repo.insertCategory({ tenantId, name: 'Internet', sort: 2 })
  const plans = [
    {
      categoryId: emissores.id,
      name: 'Emissor NF-e',
      priceCents: 5990,
      trialDays: 30,
      startsInHomologation: true,
    },
    {
      categoryId: emissores.id,
      name: 'Emissor NFC-e',
      priceCents: 4990,
      trialDays: 30,
      startsInHomologation: true,
    },
    {
      categoryId: emissores.id,
      name: 'Emissor MDF-e',
      priceCents: 3990,
      trialDays: 15,
      startsInHomologation: true,
    },
    {
      categoryId: internet.id,
      name: 'Fibra 300 Mega',
      priceCents: 9990,
      services: [
        { kind: 'radius' as const, required: true },
        { kind: 'email' as const, required: false, defaultDomain: 'demo.net.br' },
      ],
    },
    {
      categoryId: internet.id,
      name: 'Fibra Empresarial 600 Mega + IP fixo',
      priceCents: 29990,
      services: [
        { kind: 'radius' as const, required: true },
        { kind: 'email' as const, required: false, defaultDomain: 'demo.net.br' },
        { kind: 'ip' as const, required: true },
        { kind: 'domain' as const, required: false },
        { kind: 'antivirus' as const, required: false, licences: 5 },
      ],
    },
  ]
  for (const p of plans) await repo.insertPlan({ tenantId, ...p })
  await repo.insertTemplate({ tenantId, name: DEFAULT_CONTRACT_TITLE, body: DEFAULT_CONTRACT_TEMPLATE })
  const workingHours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, WEEKDAYS]))
  const [role] = await tx
    .insert(agendaRoles)
    .values({ tenantId, name: 'Instalador', workingHours: { ...workingHours, '6': [['08:00', '12:00']] } })
    .returning()
  await tx.insert(technicians).values([
    { tenantId, name: 'Bruno Instalador', phone: '+5527999990001', roleId: role.id },
    { tenantId, name: 'Carla Instaladora', phone: '+5527999990002', roleId: role.id },
  ])
}
