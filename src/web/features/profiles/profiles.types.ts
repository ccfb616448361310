export interface AccessProfile {
  id: string
  name: string
  description: string | null
  permissions: string[]
  isSystem: boolean
  staffCount: number
}

export interface PermissionInfo {
  key: string
  label: string
  group: string
}
