import { Page, Uuid, z } from '#shared/validation.ts'

export const NotificationParams = z.strictObject({ id: Uuid })

export const FindNotificationsQuery = z.strictObject({
  page: Page,
  pageSize: z.coerce
    .number({ error: 'Tamanho de página inválido.' })
    .int()
    .min(1)
    .max(50, { error: 'No máximo 50 notificações por página.' })
    .default(10),
  unread: z.enum(['true', 'false'], { error: 'Use true ou false.' }).optional(),
})
export type FindNotificationsQuery = z.infer<typeof FindNotificationsQuery>

export const PortalNotification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path inside the app, e.g. /portal/documentos. */
  link: z.string(),
  /** The company the notice is about: the portal switches to it before following the link. */
  clientOrgId: z.uuid().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
})
export type PortalNotification = z.infer<typeof PortalNotification>

export const NotificationPage = z.object({
  items: z.array(PortalNotification),
  /** How many match the query (all, or only the unread ones with unread=true). */
  total: z.number().int(),
  /** The user's unread notifications, whatever the query. */
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
})
export type NotificationPage = z.infer<typeof NotificationPage>

export const UnreadCount = z.object({ unread: z.number().int() })
