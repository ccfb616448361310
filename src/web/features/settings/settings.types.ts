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
}

export interface TenantSettingsPatch {
  invitationTtlDays?: number
  passwordPolicy?: Partial<TenantPasswordPolicy>
  secondFactors?: SecondFactor[]
  invitationsAwaitTraining?: boolean
  inactivateClientOnLastPlanCancel?: boolean
}
