/**
 * Shapes of the events API as the web app receives them (dates as ISO strings). They mirror
 * `src/server/modules/events/events.schemas.ts`.
 */

export type EventStatus = 'aberto' | 'confirmado' | 'cancelado' | 'realizado'
export type RegistrationStatus = 'inscrito' | 'espera' | 'cancelado'
export type MailKind =
  | 'registration'
  | 'status'
  | 'resend'
  | 'reminder'
  | 'cancel'
  | 'certificate'
  | 'cpf_required'
export type MailStatus = 'queued' | 'sent' | 'failed' | 'cancelled'

export interface EventType {
  id: string
  name: string
  isPublic: boolean
  isTraining: boolean
}

export interface EventSummary {
  id: string
  code: number
  mainEventId: string | null
  mainEventCode: number | null
  description: string
  typeId: string
  typeName: string
  isPublicType: boolean
  isTraining: boolean
  startsAt: string
  endsAt: string
  status: EventStatus
  clientOrgId: string | null
  clientOrgName: string | null
  responsibleUserId: string | null
  responsibleName: string | null
  publicRegistration: boolean
  capacity: number | null
  registeredCount: number
  waitlistCount: number
  attendedCount: number
  secondaryCount: number
  canEdit: boolean
}

export interface EventDetail extends EventSummary {
  descriptionCustom: boolean
  location: string | null
  onlineUrl: string | null
  workloadHours: number
  slug: string
  publicUrl: string
  artUrl: string | null
  icsSequence: number
  reminderAt: string
  reminderSentAt: string | null
  /** YYYY-MM-DD. */
  certificatesDueOn: string
  certificatesIssued: number
  secondaries: EventSummary[]
  createdAt: string
  updatedAt: string
}

/** POST/PUT /events body. A secondary event ignores the fields it inherits from its main event. */
export interface EventBody {
  mainEventId?: string | null
  description?: string | null
  typeId?: string
  responsibleUserId?: string | null
  startsAt: string
  endsAt: string
  clientOrgId?: string | null
  location?: string | null
  status?: EventStatus
  onlineUrl?: string | null
  publicRegistration?: boolean
  capacity?: number | null
  workloadHours?: number
  notifyParticipants?: boolean
}

export interface SaveEventResult {
  event: EventDetail
  mailsQueued: number
}

export interface CertificateSummary {
  id: string
  code: string
  version: number
  status: 'valid' | 'revoked'
  issuedAt: string
  revokedAt: string | null
}

export interface Registration {
  id: string
  eventId: string
  name: string
  email: string
  cpfMasked: string | null
  clientUserId: string | null
  clientOrgName: string | null
  status: RegistrationStatus
  source: 'staff' | 'portal' | 'public' | 'main'
  viaMain: boolean
  registeredAt: string
  attendedAt: string | null
  attendanceSource: 'link' | 'manual' | null
  waitlistPosition: number | null
  certificate: CertificateSummary | null
  lastMail: { kind: string; status: string; at: string } | null
}

export type AddRegistrationBody =
  | { clientUserId: string }
  | { name: string; email: string; cpf?: string | null }

export interface MailLogItem {
  id: number
  registrationId: string
  name: string
  email: string
  kind: string
  status: string
  error: string | null
  createdAt: string
  sentAt: string | null
}

export interface QueuedResult {
  queued: number
  message: string
}

export interface HeldInvitationsUnit {
  clientOrgId: string
  clientOrgName: string
  document: string
  heldCount: number
  users: { clientUserId: string; name: string; email: string; heldSince: string }[]
  training: {
    eventId: string
    code: number
    description: string
    startsAt: string
    status: EventStatus
  } | null
}

export interface HeldInvitations {
  items: HeldInvitationsUnit[]
}
