export type AccessLevel = 'revisor' | 'contribuinte' | 'proprietario'
export type NotificationChannel = 'none' | 'email' | 'system' | 'both'
export type InvitationStatus =
  | 'none'
  | 'scheduled'
  | 'sent'
  | 'opened'
  | 'accepted'
  | 'expired'
  | 'revoked'
  | 'bounced'

export interface ClientUserDepartment {
  departmentId: string
  name: string
  level: AccessLevel
}

export interface ClientUserCompany {
  id: string
  name: string
  document: string
}

export interface ClientUserInvitation {
  status: InvitationStatus
  sentAt: string | null
  openedAt: string | null
  acceptedAt: string | null
  expiresAt: string | null
}

export interface ClientUser {
  id: string
  name: string
  email: string
  cpf: string | null
  phone: string | null
  portalActive: boolean
  isDemo: boolean
  departments: ClientUserDepartment[]
  companies: ClientUserCompany[]
  permissions: string[]
  notifications: Record<string, NotificationChannel>
  invitation: ClientUserInvitation
  hasKeypass: boolean
  lastLoginAt: string | null
  createdAt: string
}

export interface Department {
  id: string
  name: string
  isDefault: boolean
}

export interface OptionItem {
  key: string
  label: string
}

export interface AccessLevelOption {
  key: AccessLevel
  label: string
  description: string
}

/** `GET /client-users/options`: the catalogues the wizard offers. */
export interface ClientUserOptions {
  permissions: OptionItem[]
  notificationTypes: OptionItem[]
  accessLevels: AccessLevelOption[]
}

/** `GET /client-users/funnel`: how far the tenant's client users got. */
export interface ClientUserFunnel {
  invited: number
  opened: number
  passwordSet: number
  keypass: number
  firstLogin: number
}

export type ClientUserFilter = 'all' | 'pending' | 'expired' | 'accepted' | 'no_keypass' | 'inactive'
