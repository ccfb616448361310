import { eq } from 'drizzle-orm'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from '#shared/validation.ts'
import type { Actor } from '../../platform/actor.ts'
import { recordAudit } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { AppError } from '../../platform/errors.ts'
import { actorOf, requirePermission } from '../../platform/http/guards.ts'
import { tenants } from './tenants.tables.ts'
import { CHECKLIST_ITEMS, DEFAULT_CHECKLIST, DEFAULT_DEADLINES } from '../intake/intake.workflow.ts'

/** A field the tenant adds to its clients or client plans ("Campos extras"). */
const ExtraFieldDefinition = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
})
export type ExtraFieldDefinition = z.infer<typeof ExtraFieldDefinition>

const ExtraFieldDefinitionsInput = z
  .array(
    z.strictObject({
      label: z
        .string({ error: 'Informe o nome do campo.' })
        .trim()
        .min(2, { error: 'Informe o nome do campo.' })
        .max(60, { error: 'Nome do campo longo demais (máximo de 60).' }),
      required: z.boolean({ error: 'Use verdadeiro ou falso.' }).default(false),
    }),
  )
  .max(30, { error: 'No máximo 30 campos extras.' })
  .transform((list) => list.map((f) => ({ ...f, key: fieldKey(f.label) })))
  .refine((list) => new Set(list.map((f) => f.key)).size === list.length, {
    error: 'Dois campos extras com o mesmo nome.',
  })

/** The stable key of a field from its label: "Nº do medidor" → "n-do-medidor". */
export function fieldKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** What a tenant configures: invitation lifetime, password policy, KEYPASS methods. */
export const TenantSettings = z.object({
  invitationTtlDays: z.number().int().min(1).max(90),
  passwordPolicy: z.object({
    minBand: z.enum(['muito-fraca', 'fraca', 'boa', 'forte', 'muito-forte']),
    minLength: z.number().int().min(8).max(64),
    minClasses: z.number().int().min(1).max(4),
  }),
  secondFactors: z.array(z.enum(['totp', 'email', 'sms'])).min(1),
  /** Fichas cadastrais: required checklist items and the contractual deadline (business days) per state. */
  intake: z.object({
    checklist: z.array(z.string()),
    deadlines: z.record(z.string(), z.number().int().min(0).max(365)),
    includeOptionalHolidays: z.boolean(),
  }),
  /**
   * Training gate for every new client user (seed 000, Passo 3): when on, invitations "Enviar agora"
   * for a company that was never trained wait for its training. Fichas always follow the gate.
   */
  invitationsAwaitTraining: z.boolean(),
  /** Plans: the client becomes inactive when its last plan is cancelled. */
  inactivateClientOnLastPlanCancel: z.boolean(),
  /** Tenant-defined extra fields; with none defined, free key/value pairs are accepted. */
  extraFields: z.object({ clients: z.array(ExtraFieldDefinition), plans: z.array(ExtraFieldDefinition) }),
})
export type TenantSettings = z.infer<typeof TenantSettings>

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  invitationTtlDays: 7,
  passwordPolicy: { minBand: 'boa', minLength: 8, minClasses: 3 },
  secondFactors: ['totp'],
  intake: {
    checklist: [...DEFAULT_CHECKLIST],
    deadlines: { ...DEFAULT_DEADLINES } as Record<string, number>,
    includeOptionalHolidays: true,
  },
  invitationsAwaitTraining: false,
  inactivateClientOnLastPlanCancel: false,
  extraFields: { clients: [], plans: [] },
}

const UpdateTenantSettingsBody = z.strictObject({
  invitationTtlDays: z
    .number({ error: 'Informe um número de dias.' })
    .int()
    .min(1, { error: 'Mínimo de 1 dia.' })
    .max(90, { error: 'Máximo de 90 dias.' })
    .optional(),
  passwordPolicy: z
    .strictObject({
      minBand: z
        .enum(['muito-fraca', 'fraca', 'boa', 'forte', 'muito-forte'], { error: 'Faixa inválida.' })
        .optional(),
      minLength: z
        .number()
        .int()
        .min(8, { error: 'Mínimo de 8 caracteres (recomendação do guia).' })
        .max(64)
        .optional(),
      minClasses: z.number().int().min(1).max(4, { error: 'São 4 tipos de caracteres.' }).optional(),
    })
    .optional(),
  secondFactors: z
    .array(z.enum(['totp', 'email', 'sms'], { error: 'Use totp, email ou sms.' }))
    .min(1, { error: 'Permita pelo menos um método de KEYPASS.' })
    .transform((l) => [...new Set(l)])
    .optional(),
  intake: z
    .strictObject({
      checklist: z
        .array(z.string().refine((k) => k in CHECKLIST_ITEMS, { error: 'Item de checklist desconhecido.' }))
        .max(20)
        .optional(),
      deadlines: z
        .partialRecord(
          z.enum(
            ['recebida', 'em_verificacao', 'devolvida', 'completa', 'encaminhada', 'aguardando_treinamento'],
            {
              error: 'Etapa desconhecida.',
            },
          ),
          z
            .number({ error: 'Informe os dias úteis.' })
            .int()
            .min(0)
            .max(365, { error: 'No máximo 365 dias úteis.' }),
        )
        .optional(),
      includeOptionalHolidays: z.boolean().optional(),
    })
    .optional(),
  invitationsAwaitTraining: z.boolean().optional(),
  inactivateClientOnLastPlanCancel: z.boolean().optional(),
  extraFields: z
    .strictObject({
      clients: ExtraFieldDefinitionsInput.optional(),
      plans: ExtraFieldDefinitionsInput.optional(),
    })
    .optional(),
})

/** The tenant's display name (e-mails sign with it). */
export async function getTenantName(db: Db, tenantId: string): Promise<string> {
  const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId))
  return row?.name ?? 'Cadastra'
}

/** Reads a tenant's settings, filling gaps with the defaults (old tenants have none stored). */
export async function getTenantSettings(db: Db, tenantId: string): Promise<TenantSettings> {
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId))
  const stored = (row?.settings ?? {}) as Partial<TenantSettings>
  const merged = {
    ...DEFAULT_TENANT_SETTINGS,
    ...stored,
    passwordPolicy: { ...DEFAULT_TENANT_SETTINGS.passwordPolicy, ...(stored.passwordPolicy ?? {}) },
    intake: {
      ...DEFAULT_TENANT_SETTINGS.intake,
      ...(stored.intake ?? {}),
      deadlines: { ...DEFAULT_TENANT_SETTINGS.intake.deadlines, ...(stored.intake?.deadlines ?? {}) },
    },
    extraFields: { ...DEFAULT_TENANT_SETTINGS.extraFields, ...(stored.extraFields ?? {}) },
  }
  const parsed = TenantSettings.safeParse(merged)
  return parsed.success ? parsed.data : DEFAULT_TENANT_SETTINGS
}

async function updateTenantSettings(db: Db, actor: Actor, body: z.infer<typeof UpdateTenantSettingsBody>) {
  return db.transaction(async (tx) => {
    const before = await getTenantSettings(tx, actor.tenantId)
    const after: TenantSettings = {
      ...before,
      ...(body.invitationTtlDays !== undefined ? { invitationTtlDays: body.invitationTtlDays } : {}),
      ...(body.secondFactors !== undefined ? { secondFactors: body.secondFactors } : {}),
      ...(body.invitationsAwaitTraining !== undefined
        ? { invitationsAwaitTraining: body.invitationsAwaitTraining }
        : {}),
      ...(body.inactivateClientOnLastPlanCancel !== undefined
        ? { inactivateClientOnLastPlanCancel: body.inactivateClientOnLastPlanCancel }
        : {}),
      extraFields: { ...before.extraFields, ...(body.extraFields ?? {}) },
      passwordPolicy: { ...before.passwordPolicy, ...(body.passwordPolicy ?? {}) },
      intake: {
        ...before.intake,
        ...(body.intake?.checklist ? { checklist: body.intake.checklist } : {}),
        ...(body.intake?.includeOptionalHolidays !== undefined
          ? { includeOptionalHolidays: body.intake.includeOptionalHolidays }
          : {}),
        deadlines: { ...before.intake.deadlines, ...(body.intake?.deadlines ?? {}) },
      },
    }
    await tx
      .update(tenants)
      .set({ settings: after, updatedAt: new Date() })
      .where(eq(tenants.id, actor.tenantId))
    await recordAudit(tx, actor, {
      entity: 'tenant_settings',
      entityId: actor.tenantId,
      action: 'update',
      before,
      after,
    })
    return after
  })
}

export function tenantSettingsRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Configurações']
    const preHandler = requirePermission('settings:manage')
    app.get(
      '/settings',
      {
        schema: { tags, summary: 'Configurações do inquilino', response: { 200: TenantSettings } },
        preHandler,
      },
      async (req) => getTenantSettings(db, actorOf(req).tenantId),
    )
    app.get(
      '/settings/extra-fields',
      {
        schema: {
          tags,
          summary: 'Campos extras definidos pelo inquilino (para os formulários de clientes e planos)',
          response: { 200: TenantSettings.shape.extraFields },
        },
      },
      async (req) => (await getTenantSettings(db, actorOf(req).tenantId)).extraFields,
    )
    app.patch(
      '/settings',
      {
        schema: {
          tags,
          summary: 'Altera configurações do inquilino',
          body: UpdateTenantSettingsBody,
          response: { 200: TenantSettings },
        },
        preHandler,
      },
      async (req) => updateTenantSettings(db, actorOf(req), req.body),
    )
  }
}

/**
 * Checks extra field values against the tenant's definitions (when it has any): unknown fields and
 * empty required ones are refused with pt-BR messages keyed by `<path>.<key>`.
 */
export async function assertExtraFields(
  db: Db,
  tenantId: string,
  entity: 'clients' | 'plans',
  values: Record<string, string>,
  path = 'extraFields',
): Promise<void> {
  const defs = (await getTenantSettings(db, tenantId)).extraFields[entity]
  if (defs.length === 0) return
  const fields: Record<string, string> = {}
  for (const key of Object.keys(values))
    if (!defs.some((d) => d.key === key))
      fields[`${path}.${key}`] = 'Campo extra não definido nas Configurações.'
  for (const d of defs)
    if (d.required && !values[d.key]?.trim()) fields[`${path}.${d.key}`] = `Preencha o campo "${d.label}".`
  if (Object.keys(fields).length)
    throw new AppError('EXTRA_FIELDS_INVALID', {
      status: 400,
      message: Object.values(fields)[0],
      fields,
    })
}
