import { Page, PageSize, Paged, z } from '#shared/validation.ts'

export const OutboxMessage = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  template: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'cancelled']),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
})
export const OutboxMessageDetail = OutboxMessage.extend({
  text: z.string(),
  html: z.string(),
  links: z.array(z.string()),
})
export type OutboxMessageDetail = z.infer<typeof OutboxMessageDetail>
export const OutboxPage = Paged(OutboxMessage)
export const FindOutboxQuery = z.strictObject({
  page: Page,
  pageSize: PageSize,
  to: z.string().trim().max(254).optional(),
})
export const OutboxParams = z.strictObject({ id: z.uuid({ error: 'Identificador inválido.' }) })
export const DevMailList = z.array(
  OutboxMessageDetail.pick({
    id: true,
    to: true,
    subject: true,
    text: true,
    html: true,
    links: true,
    createdAt: true,
    status: true,
  }),
)

export const SmsMessage = z.object({
  id: z.uuid(),
  to: z.string(),
  body: z.string(),
  template: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'cancelled']),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
})
export const SmsPage = Paged(SmsMessage)
export const FindSmsQuery = z.strictObject({ page: Page, pageSize: PageSize })
