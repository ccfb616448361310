export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'cancelled'

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

/** One SMS of the outbox (`GET /outbox/sms`); `to` is the phone in E.164 (+55…). */
export interface OutboxSms {
  id: string
  to: string
  body: string
  template: string
  status: OutboxStatus
  error: string | null
  createdAt: string
  sentAt: string | null
}
