/**
 * What the public and portal events API sends and takes (mirrors the public and portal part of
 * `src/server/modules/events/events.schemas.ts`; dates arrive as ISO strings).
 */

export type EventStatus = 'aberto' | 'confirmado' | 'cancelado' | 'realizado'
export type RegistrationStatus = 'inscrito' | 'espera' | 'cancelado'

/** `GET /public/events/:slug`: the event's public page. */
export interface PublicEvent {
  slug: string
  tenantName: string
  description: string
  typeName: string
  startsAt: string
  endsAt: string
  status: EventStatus
  location: string | null
  online: boolean
  artUrl: string | null
  workloadHours: number
  publicRegistration: boolean
  /** Null when there is no capacity limit. */
  spotsLeft: number | null
  sessions: { description: string; startsAt: string; endsAt: string }[]
  consentText: string
}

/** `POST /public/events/:slug/registrations`. */
export interface PublicRegistrationBody {
  name: string
  email: string
  cpf?: string | null
  consent: true
}

export interface PublicRegistrationResult {
  status: RegistrationStatus
  message: string
}

/** `GET /public/join/:token`: the personal join link's state. */
export interface JoinState {
  state: 'early' | 'open' | 'ended' | 'cancelled'
  description: string
  participantName: string
  startsAt: string
  endsAt: string
  /** The link opens one hour before the start. */
  opensAt: string
  /** The server's clock, so the countdown does not depend on the visitor's. */
  now: string
}

/** `GET /public/certificates/:code`. */
export interface CertificateVerification {
  code: string
  status: 'valid' | 'revoked'
  version: number
  tenantName: string
  participantName: string
  cpfMasked: string
  eventDescription: string
  eventStartsAt: string
  eventEndsAt: string
  workloadHours: number
  issuedAt: string
  revokedAt: string | null
  revokedReason: string | null
}

/** `GET|POST /public/cpf/:token`. */
export interface CpfTokenInfo {
  participantName: string
  eventDescription: string
  hasCpf: boolean
}

/** One event of the portal's lists (`mine` or `open`). */
export interface PortalEventItem {
  eventId: string
  slug: string
  description: string
  startsAt: string
  endsAt: string
  status: EventStatus
  online: boolean
  registrationId: string | null
  registrationStatus: RegistrationStatus | null
  /** The personal join link (opens one hour before the start). */
  joinUrl: string | null
  attendedAt: string | null
  certificate: { id: string; code: string; issuedAt: string; pdfUrl: string } | null
  /** Certificates are due by this date, YYYY-MM-DD. */
  certificatesDueOn: string
  /** Attended, no certificate, and no CPF on file: the portal asks for it. */
  needsCpf: boolean
  spotsLeft: number | null
}

/** `GET /portal/events`. */
export interface PortalEvents {
  hasCpf: boolean
  mine: PortalEventItem[]
  open: PortalEventItem[]
}
