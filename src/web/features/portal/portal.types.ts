import type { AccessLevel } from '../client-users/client-users.types.ts'

/** `GET /portal/home`: what the client user sees of the current company. */
export interface PortalHome {
  /** The current company (the session's `company` when absent). */
  company?: { id: string; name: string; document: string }
  departments: { id: string; name: string; level: AccessLevel; levelLabel: string }[]
  permissions: { key: string; label: string }[]
}

export interface KeypassStatus {
  enabled: boolean
  method?: 'totp' | 'email' | 'sms' | null
  enabledAt: string | null
  recoveryCodesLeft: number
}
