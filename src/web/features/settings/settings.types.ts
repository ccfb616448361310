import type { Band } from '../../../shared/password/meter.ts'

/** How the KEYPASS codes may come: the authenticator app, or a code by e-mail or SMS. */
export type SecondFactor = 'totp' | 'email' | 'sms'

export interface TenantPasswordPolicy {
  minBand: Band
  minLength: number
  minClasses: number
}

/** `GET /api/v1/settings`; `PATCH` takes any subset (the password policy may be partial). */
export interface TenantSettings {
  invitationTtlDays: number
  passwordPolicy: TenantPasswordPolicy
  secondFactors: SecondFactor[]
  /** Invitations of companies never trained wait for the training. */
  invitationsAwaitTraining: boolean
  /** Cancelling a client's last active plan also inactivates the client. */
  inactivateClientOnLastPlanCancel: boolean
  /** Fields the tenant adds to its clients and client plans ("Campos extras"). */
  extraFields: ExtraFieldDefinitions
}

export interface TenantSettingsPatch {
  invitationTtlDays?: number
  passwordPolicy?: Partial<TenantPasswordPolicy>
  secondFactors?: SecondFactor[]
  invitationsAwaitTraining?: boolean
  inactivateClientOnLastPlanCancel?: boolean
  /** A list sent replaces that entity's definitions (the server derives each key from the label). */
  extraFields?: { clients?: ExtraFieldDefinitionInput[]; plans?: ExtraFieldDefinitionInput[] }
}

/**
 * A field the tenant defined (Configurações → Campos extras). Values are stored under `key`, which
 * the server derives from the label: "Nº do medidor" → "n-do-medidor".
 */
export interface ExtraFieldDefinition {
  key: string
  label: string
  required: boolean
}

export interface ExtraFieldDefinitionInput {
  label: string
  required: boolean
}

/**
 * `GET /api/v1/settings/extra-fields` (every staff member may read it). With no field defined for
 * an entity, free name/value pairs are accepted.
 */
export interface ExtraFieldDefinitions {
  clients: ExtraFieldDefinition[]
  plans: ExtraFieldDefinition[]
}

/** The key the server stores a field's values under: "Nº do medidor" → "n-do-medidor". */
export function extraFieldKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}
