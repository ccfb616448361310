export interface Staff {
  id: string
  /** The person's user account (the session's `user.id`, the audit's `actorId`). */
  userId?: string
  name: string
  email: string
  profileId: string
  profileName: string
  isActive: boolean
  hasPassword: boolean
  lastLoginAt: string | null
  createdAt: string
}
