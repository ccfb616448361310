import { Page, PageSize, Paged, Uuid, z } from '#shared/validation.ts'
import { IMPORT_KINDS, IMPORT_STATUSES } from './imports.tables.ts'

export const ImportKind = z.enum(IMPORT_KINDS, {
  error: 'Tipo de importação inválido: use client_users (usuários) ou client_orgs (clientes).',
})
export const INVITATION_MODES = ['end', 'schedule', 'later'] as const

export const ImportField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  hint: z.string(),
})

export const ImportRun = z.object({
  id: z.uuid(),
  kind: ImportKind,
  status: z.enum(IMPORT_STATUSES),
  statusLabel: z.string(),
  filename: z.string(),
  format: z.enum(['xlsx', 'csv']),
  fileSize: z.number().int(),
  headers: z.array(z.string()),
  /** The sheet's row number of the header (1 unless a title or a note sits above it). */
  headerRow: z.number().int(),
  sample: z.array(z.array(z.string())),
  mapping: z.array(z.object({ column: z.number().int(), header: z.string(), field: z.string().nullable() })),
  fields: z.array(ImportField),
  options: z.object({
    invitations: z.enum(INVITATION_MODES),
    scheduleAt: z.string().nullable(),
  }),
  totals: z.object({
    rows: z.number().int(),
    ok: z.number().int(),
    errors: z.number().int(),
    skipped: z.number().int(),
  }),
  progress: z.object({
    phase: z.enum(['validating', 'rows', 'invitations']).nullable(),
    /** Rows read by the dry run, or rows handled by committed batches while importing. */
    done: z.number().int(),
    total: z.number().int(),
    percent: z.number(),
    rowsPerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
    created: z.number().int(),
    invited: z.number().int(),
  }),
  failureMessage: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  validatedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
  undoneByName: z.string().nullable(),
  /** When the rows and the file were deleted (end of the retention); null while they are kept. */
  purgedAt: z.string().nullable(),
})
export type ImportRun = z.infer<typeof ImportRun>
export const ImportRunPage = Paged(
  ImportRun.omit({ sample: true, fields: true, headers: true, mapping: true }),
)

export const UploadQuery = z.strictObject({ kind: ImportKind })
export const ImportParams = z.strictObject({ id: Uuid })
export const TemplateParams = z.strictObject({ kind: ImportKind })
export const FindImportsQuery = z.strictObject({ page: Page, pageSize: PageSize })

export const DryRunBody = z.strictObject({
  mapping: z
    .array(
      z.strictObject({
        column: z.number({ error: 'Coluna inválida.' }).int().min(0).max(200),
        field: z.string({ error: 'Campo inválido.' }).max(40).nullable(),
      }),
      { error: 'Informe o mapeamento das colunas.' },
    )
    .max(200, { error: 'Colunas demais.' }),
})
export type DryRunBody = z.infer<typeof DryRunBody>

export const ConfirmBody = z.strictObject({
  invitations: z
    .enum(INVITATION_MODES, { error: 'Escolha enviar ao final, agendar ou enviar mais tarde.' })
    .default('end'),
  scheduleAt: z.iso
    .datetime({ offset: true, error: 'Data e hora inválidas.' })
    .nullish()
    .transform((v) => v ?? null),
})
export type ConfirmBody = z.infer<typeof ConfirmBody>

export const ROW_STATUSES = ['ok', 'error', 'skipped'] as const
export const FindRowsQuery = z.strictObject({
  status: z.enum(ROW_STATUSES, { error: 'Situação inválida: ok, error ou skipped.' }).optional(),
  page: Page,
  pageSize: PageSize,
})
export type FindRowsQuery = z.infer<typeof FindRowsQuery>
export const ImportRowPage = Paged(
  z.object({
    rowNumber: z.number().int(),
    status: z.enum(ROW_STATUSES),
    /** True once the import created the row's record. */
    created: z.boolean(),
    columnName: z.string().nullable(),
    message: z.string().nullable(),
    cells: z.array(z.string()),
  }),
)
