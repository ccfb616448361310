/** What the intake API sends and takes (mirrors `src/server/modules/intake/intake.schemas.ts`). */

export type FichaStatus =
  | 'recebida'
  | 'em_verificacao'
  | 'devolvida'
  | 'completa'
  | 'encaminhada'
  | 'cadastrada'
  | 'aguardando_treinamento'
  | 'arquivada'

export type DueKind = 'em-dia' | 'vence-hoje' | 'atrasado'

/** The ficha's content, as the sender typed it. Every field is optional: incomplete fichas are accepted. */
export interface FichaData {
  organization?: { name?: string; document?: string }
  unit?: { name?: string; address?: string }
  responsible?: { name?: string; email?: string; phone?: string; cpf?: string; role?: string }
  users?: { name?: string; email?: string; cpf?: string; profile?: string }[]
  contacts?: { name?: string; email?: string; phone?: string }[]
  notes?: string
}

export interface FichaSummary {
  id: string
  protocol: string
  status: FichaStatus
  statusLabel: string
  source: 'public' | 'staff'
  organizationName: string | null
  organizationDocument: string | null
  senderName: string
  senderEmail: string
  holderName: string | null
  statusChangedAt: string
  /** Deadline of the current step, `YYYY-MM-DD` (null: the step has no deadline). */
  dueOn: string | null
  due: DueKind | null
  dueBusinessDays: number | null
  /** What was missing when the ficha was returned for correction. */
  missing: string[]
  createdAt: string
}

export interface FichaEvent {
  fromStatus: string | null
  toStatus: string
  actorName: string
  note: string | null
  createdAt: string
}

/** The original ficha (PDF or image) kept with it. */
export interface FichaAttachment {
  id: string
  filename: string
  contentType: string
  size: number
  createdAt: string
}

export interface FichaDetail extends FichaSummary {
  data: FichaData
  attachments?: FichaAttachment[]
  /** Checklist items the ficha does not satisfy, as pt-BR sentences (empty: complete). */
  checklistMissing: string[]
  nextStatuses: { status: FichaStatus; label: string }[]
  events: FichaEvent[]
}

export interface TransitionBody {
  to: FichaStatus
  note?: string
  missing?: string[]
  forwardTo?: string
}

export interface SubmitFichaBody {
  senderName: string
  senderEmail: string
  data: FichaData
}

export interface SubmittedFicha {
  protocol: string
  key: string
  statusUrl: string
}

export interface PublicFichaStatus {
  protocol: string
  status: FichaStatus
  statusLabel: string
  statusChangedAt: string
  organizationName: string | null
  missing: string[]
  canCorrect: boolean
  data: FichaData | null
}
