import { Email, Page, PageSize, Paged, PersonName, SearchText, Uuid, z } from '#shared/validation.ts'

export const Staff = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  profileId: z.uuid(),
  profileName: z.string(),
  isActive: z.boolean(),
  hasPassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
})
export type Staff = z.infer<typeof Staff>
export const StaffPage = Paged(Staff)

export const FindStaffQuery = z.strictObject({
  search: SearchText,
  page: Page,
  pageSize: PageSize,
  isActive: z.enum(['true', 'false'], { error: 'Use true ou false.' }).optional(),
})
export type FindStaffQuery = z.infer<typeof FindStaffQuery>

export const CreateStaffBody = z.strictObject({
  name: PersonName,
  email: Email,
  profileId: Uuid,
})
export type CreateStaffBody = z.infer<typeof CreateStaffBody>

export const UpdateStaffBody = z.strictObject({
  name: PersonName.optional(),
  profileId: Uuid.optional(),
  isActive: z.boolean({ error: 'Use verdadeiro ou falso.' }).optional(),
})
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>

export const StaffParams = z.strictObject({ id: Uuid })
