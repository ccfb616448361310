export interface Staff {
  id: string
  name: string
  email: string
  profileId: string
  profileName: string
  isActive: boolean
  hasPassword: boolean
  lastLoginAt: string | null
  createdAt: string
}
