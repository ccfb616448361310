/** Mirrors of the import API's answers (src/server/modules/imports/imports.schemas.ts). */

export type ImportKind = 'client_users' | 'client_orgs'
export type ImportStatus =
  | 'uploaded'
  | 'validating'
  | 'validated'
  | 'running'
  | 'done'
  | 'failed'
  | 'undone'
  | 'expired'
export type InvitationMode = 'end' | 'schedule' | 'later'

export interface ImportField {
  key: string
  label: string
  required: boolean
  hint: string
}

export interface MappingEntry {
  column: number
  header: string
  field: string | null
}

export interface ImportRunSummary {
  id: string
  kind: ImportKind
  status: ImportStatus
  statusLabel: string
  filename: string
  format: 'xlsx' | 'csv'
  fileSize: number
  options: { invitations: InvitationMode; scheduleAt: string | null }
  totals: { rows: number; ok: number; errors: number; skipped: number }
  progress: {
    phase: 'validating' | 'rows' | 'invitations' | null
    done: number
    total: number
    percent: number
    rowsPerSecond: number | null
    etaSeconds: number | null
    created: number
    invited: number
  }
  failureMessage: string | null
  createdByName: string
  createdAt: string
  validatedAt: string | null
  startedAt: string | null
  finishedAt: string | null
  undoneAt: string | null
  undoneByName: string | null
  purgedAt: string | null
}

export interface ImportRun extends ImportRunSummary {
  headers: string[]
  headerRow: number
  sample: string[][]
  mapping: MappingEntry[]
  fields: ImportField[]
}

export interface ImportRow {
  rowNumber: number
  status: 'ok' | 'error' | 'skipped'
  created: boolean
  columnName: string | null
  message: string | null
  cells: string[]
}

export const KIND_LABELS: Record<ImportKind, string> = {
  client_users: 'Usuários de clientes',
  client_orgs: 'Clientes (organizações)',
}

export const STATUS_COLORS: Record<ImportStatus, string> = {
  uploaded: 'gray',
  validating: 'blue',
  validated: 'cyan',
  running: 'blue',
  done: 'teal',
  failed: 'red',
  undone: 'orange',
  expired: 'gray',
}
