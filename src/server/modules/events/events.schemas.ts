import { isValidCpf } from '#shared/documents.ts'
import { Email, Page, PageSize, Paged, PersonName, SearchText, Uuid, z } from '#shared/validation.ts'
import { EVENT_STATUSES, REGISTRATION_STATUSES } from './events.tables.ts'

const IsoDateTime = z.iso.datetime({ offset: true, error: 'Data e hora inválidas.' })
const OptText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Máximo de ${max} caracteres.` })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
const HttpsUrl = z
  .string()
  .trim()
  .max(2000, { error: 'Endereço longo demais.' })
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), {
    error: 'Informe o endereço completo da conferência (https://…).',
  })
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional()
export const OptCpf = z
  .string()
  .trim()
  .max(20)
  .refine((v) => v === '' || isValidCpf(v), { error: 'CPF inválido: confira os dígitos.' })
  .transform((v) => (v === '' ? null : v.replace(/\D/g, '')))
  .nullable()
  .optional()

export const EventStatus = z.enum(EVENT_STATUSES)
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES)

export const EventType = z.object({
  id: z.uuid(),
  name: z.string(),
  isPublic: z.boolean(),
  isTraining: z.boolean(),
})
export const EventTypeList = z.object({ items: z.array(EventType) })
export const CreateEventTypeBody = z.strictObject({
  name: z.string().trim().min(2, { error: 'Informe o nome do tipo.' }).max(80),
  isPublic: z.boolean().default(false),
  isTraining: z.boolean().default(false),
})

/** Create and edit. A secondary event (mainEventId) ignores the fields it inherits. */
export const EventBody = z
  .strictObject({
    mainEventId: Uuid.nullable().optional(),
    /** Required for a main event; a secondary gets one from its main event when left empty. */
    description: OptText(200),
    typeId: Uuid.optional(),
    responsibleUserId: Uuid.nullable().optional(),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    clientOrgId: Uuid.nullable().optional(),
    location: OptText(300),
    status: EventStatus.optional(),
    onlineUrl: HttpsUrl,
    publicRegistration: z.boolean().optional(),
    capacity: z
      .number()
      .int()
      .min(1, { error: 'A capacidade precisa ser de pelo menos 1.' })
      .max(100_000)
      .nullable()
      .optional(),
    workloadHours: z
      .number({ error: 'Informe a carga horária.' })
      .min(0.5, { error: 'Carga horária mínima de 0,5 h.' })
      .max(500, { error: 'Carga horária máxima de 500 h.' })
      .optional(),
    /** On a status change: e-mail every participant (the screen's "Enviar e-mail aos participantes?"). */
    notifyParticipants: z.boolean().optional(),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), {
    error: 'O término precisa ser depois do início.',
    path: ['endsAt'],
  })
export type EventBody = z.infer<typeof EventBody>

export const EventParams = z.object({ id: Uuid })
export const RegistrationParams = z.object({ id: Uuid, registrationId: Uuid })
export const CertificateParams = z.object({ id: Uuid })
export const SlugParams = z.object({
  slug: z.string().regex(/^[A-Za-z0-9_-]{12,36}$/, { error: 'Endereço de evento inválido.' }),
})
export const TokenParams = z.object({
  token: z.string().regex(/^[0-9a-f-]{32,36}(\.[A-Za-z0-9_-]{24})?$/, { error: 'Link inválido.' }),
})
export const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/, {
      error: 'Código de verificação inválido (formato XXXX-XXXX-XXXX).',
    }),
})
export const ArtQuery = z.strictObject({
  v: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
})

export const FindEventsQuery = z.strictObject({
  search: SearchText,
  status: EventStatus.optional(),
  /** Only events starting on or after / before these instants (calendar month). */
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  /** Only main events (with their secondaries counted), the list's default. */
  mainOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: Page,
  pageSize: PageSize,
})
export type FindEventsQuery = z.infer<typeof FindEventsQuery>

export const EventSummary = z.object({
  id: z.uuid(),
  code: z.number().int(),
  mainEventId: z.uuid().nullable(),
  mainEventCode: z.number().int().nullable(),
  description: z.string(),
  typeId: z.uuid(),
  typeName: z.string(),
  isPublicType: z.boolean(),
  isTraining: z.boolean(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: EventStatus,
  clientOrgId: z.uuid().nullable(),
  clientOrgName: z.string().nullable(),
  responsibleUserId: z.uuid().nullable(),
  responsibleName: z.string().nullable(),
  publicRegistration: z.boolean(),
  capacity: z.number().int().nullable(),
  registeredCount: z.number().int(),
  waitlistCount: z.number().int(),
  attendedCount: z.number().int(),
  secondaryCount: z.number().int(),
  /** The actor may edit (no responsible, or the actor is the responsible, or an administrator). */
  canEdit: z.boolean(),
})
export type EventSummary = z.infer<typeof EventSummary>
export const EventPage = Paged(EventSummary)

export const EventDetail = EventSummary.extend({
  descriptionCustom: z.boolean(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  workloadHours: z.number(),
  slug: z.string(),
  /** The public page (art, description, dates, registration link). */
  publicUrl: z.string(),
  /** Image URL of the art, or null. */
  artUrl: z.string().nullable(),
  icsSequence: z.number().int(),
  reminderAt: z.date(),
  reminderSentAt: z.date().nullable(),
  /** Certificates are due by this date (15 days after the end), YYYY-MM-DD. */
  certificatesDueOn: z.string(),
  certificatesIssued: z.number().int(),
  secondaries: z.array(EventSummary),
  createdAt: z.date(),
  updatedAt: z.date(),
})
export type EventDetail = z.infer<typeof EventDetail>

export const SaveEventResult = z.object({ event: EventDetail, mailsQueued: z.number().int() })

export const CertificateSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  status: z.enum(['valid', 'revoked']),
  issuedAt: z.date(),
  revokedAt: z.date().nullable(),
})

export const Registration = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  name: z.string(),
  email: z.string(),
  cpfMasked: z.string().nullable(),
  clientUserId: z.uuid().nullable(),
  clientOrgName: z.string().nullable(),
  status: RegistrationStatus,
  source: z.enum(['staff', 'portal', 'public', 'main']),
  /** Replicated from the main event's registration. */
  viaMain: z.boolean(),
  registeredAt: z.date(),
  attendedAt: z.date().nullable(),
  attendanceSource: z.enum(['link', 'manual']).nullable(),
  /** Position in the waitlist (1 = next), null when not waiting. */
  waitlistPosition: z.number().int().nullable(),
  certificate: CertificateSummary.nullable(),
  lastMail: z.object({ kind: z.string(), status: z.string(), at: z.date() }).nullable(),
})
export type Registration = z.infer<typeof Registration>
export const RegistrationPage = Paged(Registration)

/** The participants list's filters, which its exports (.csv, .xlsx) respect too. */
export const RegistrationsFilterQuery = z.strictObject({
  search: SearchText,
  status: RegistrationStatus.optional(),
})

export const FindRegistrationsQuery = RegistrationsFilterQuery.extend({
  page: Page,
  pageSize: PageSize,
})

/** Staff add a participant: a client user of the tenant, or anyone by name and e-mail. */
export const AddRegistrationBody = z
  .strictObject({
    clientUserId: Uuid.optional(),
    name: PersonName.optional(),
    email: Email.optional(),
    cpf: OptCpf,
  })
  .refine((b) => b.clientUserId || (b.name && b.email), {
    error: 'Escolha um usuário de cliente ou informe nome e e-mail do participante.',
    path: ['name'],
  })

export const AttendanceBody = z.strictObject({ present: z.boolean() })

export const MailLogItem = z.object({
  id: z.number().int(),
  registrationId: z.uuid(),
  name: z.string(),
  email: z.string(),
  kind: z.string(),
  status: z.string(),
  error: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
})
export const MailLogPage = Paged(MailLogItem)
export const MailLogQuery = z.strictObject({ page: Page, pageSize: PageSize })

export const QueuedResult = z.object({ queued: z.number().int(), message: z.string() })

export const RevokeBody = z.strictObject({
  reason: z.string().trim().min(3, { error: 'Informe o motivo da revogação.' }).max(500),
})

export const HeldInvitationsUnit = z.object({
  clientOrgId: z.uuid(),
  clientOrgName: z.string(),
  document: z.string(),
  heldCount: z.number().int(),
  users: z.array(
    z.object({ clientUserId: z.uuid(), name: z.string(), email: z.string(), heldSince: z.date() }),
  ),
  training: z
    .object({
      eventId: z.uuid(),
      code: z.number().int(),
      description: z.string(),
      startsAt: z.date(),
      status: EventStatus,
    })
    .nullable(),
})
export const HeldInvitations = z.object({ items: z.array(HeldInvitationsUnit) })

// ---- Public -------------------------------------------------------------------------------

export const PublicEvent = z.object({
  slug: z.string(),
  tenantName: z.string(),
  description: z.string(),
  typeName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: EventStatus,
  location: z.string().nullable(),
  online: z.boolean(),
  artUrl: z.string().nullable(),
  workloadHours: z.number(),
  publicRegistration: z.boolean(),
  /** Null when there is no capacity limit. */
  spotsLeft: z.number().int().nullable(),
  sessions: z.array(z.object({ description: z.string(), startsAt: z.date(), endsAt: z.date() })),
  consentText: z.string(),
})

export const PublicRegistrationBody = z.strictObject({
  name: PersonName,
  email: Email,
  cpf: OptCpf,
  consent: z.literal(true, { error: 'É preciso aceitar o termo para se inscrever.' }),
})
export const PublicRegistrationResult = z.object({
  status: RegistrationStatus,
  message: z.string(),
})

export const JoinState = z.object({
  state: z.enum(['early', 'open', 'ended', 'cancelled']),
  description: z.string(),
  participantName: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  /** The link opens one hour before the start. */
  opensAt: z.date(),
  /** The server's clock, so the countdown does not depend on the visitor's. */
  now: z.date(),
})

export const CertificateVerification = z.object({
  code: z.string(),
  status: z.enum(['valid', 'revoked']),
  version: z.number().int(),
  tenantName: z.string(),
  participantName: z.string(),
  cpfMasked: z.string(),
  eventDescription: z.string(),
  eventStartsAt: z.date(),
  eventEndsAt: z.date(),
  workloadHours: z.number(),
  issuedAt: z.date(),
  revokedAt: z.date().nullable(),
  revokedReason: z.string().nullable(),
})

export const CpfBody = z.strictObject({
  cpf: z
    .string({ error: 'Informe o CPF.' })
    .trim()
    .max(20)
    .refine((v) => isValidCpf(v), { error: 'CPF inválido: confira os dígitos.' })
    .transform((v) => v.replace(/\D/g, '')),
})
export const CpfTokenInfo = z.object({
  participantName: z.string(),
  eventDescription: z.string(),
  hasCpf: z.boolean(),
})

// ---- Portal -------------------------------------------------------------------------------

export const PortalEventItem = z.object({
  eventId: z.uuid(),
  slug: z.string(),
  description: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  status: EventStatus,
  online: z.boolean(),
  registrationId: z.uuid().nullable(),
  registrationStatus: RegistrationStatus.nullable(),
  /** The personal join link (opens one hour before the start). */
  joinUrl: z.string().nullable(),
  attendedAt: z.date().nullable(),
  certificate: z
    .object({ id: z.uuid(), code: z.string(), issuedAt: z.date(), pdfUrl: z.string() })
    .nullable(),
  certificatesDueOn: z.string(),
  /** Attended, no certificate, and no CPF on file: the portal asks for it. */
  needsCpf: z.boolean(),
  spotsLeft: z.number().int().nullable(),
})
export const PortalEvents = z.object({
  hasCpf: z.boolean(),
  mine: z.array(PortalEventItem),
  open: z.array(PortalEventItem),
})
