export type OutboxStatus = 'queued' | 'sent' | 'failed'

export interface OutboxMessage {
  id: string
  to: string
  subject: string
  template: string
  status: OutboxStatus
  error: string | null
  createdAt: string
  sentAt: string | null
}

export interface OutboxMessageDetail extends OutboxMessage {
  text: string
  html: string
  links: string[]
}
