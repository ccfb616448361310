import { z } from '#shared/validation.ts'
import { PERMISSION_KEYS } from './permissions.ts'

export const PermissionKey = z.string().refine((k) => PERMISSION_KEYS.includes(k), {
  error: 'Permissão desconhecida.',
})

export const Permission = z.object({ key: z.string(), label: z.string(), group: z.string() })
export const PermissionList = z.object({ items: z.array(Permission) })

export const Profile = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  isSystem: z.boolean(),
  staffCount: z.number().int(),
})
export type Profile = z.infer<typeof Profile>
export const ProfileList = z.object({ items: z.array(Profile) })

const ProfileName = z
  .string({ error: 'Informe o nome do perfil.' })
  .trim()
  .min(2, { error: 'O nome do perfil precisa de pelo menos 2 caracteres.' })
  .max(80, { error: 'Nome longo demais (máximo de 80 caracteres).' })
const Description = z.string().trim().max(500, { error: 'Descrição longa demais (máximo de 500).' }).nullish()
const Permissions = z
  .array(PermissionKey)
  .max(100)
  .transform((l) => [...new Set(l)])

export const CreateProfileBody = z.strictObject({
  name: ProfileName,
  description: Description,
  permissions: Permissions,
})
export type CreateProfileBody = z.infer<typeof CreateProfileBody>

export const UpdateProfileBody = z.strictObject({
  name: ProfileName.optional(),
  description: Description,
  permissions: Permissions.optional(),
})
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>

export const ProfileParams = z.strictObject({ id: z.uuid({ error: 'Identificador inválido.' }) })
