import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/** Environment variables Cadastra reads. Nothing else in the code reads process.env. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  APP_URL: z.url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL deve começar com postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL deve começar com smtp:// ou smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Cadastra <nao-responda@cadastra.local>'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET precisa de pelo menos 32 caracteres').optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  JOBS_POLL_MS: z.coerce.number().int().positive().default(1000),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_HTTP_URL: z.url({ error: 'SMS_HTTP_URL deve ser uma URL http(s).' }).optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  /** CNPJ and CEP lookups: a BrasilAPI-compatible server (`/api/cnpj/v1`, `/api/cep/v1`). */
  LOOKUP_BRASILAPI_URL: z
    .url({ protocol: /^https?$/, error: 'LOOKUP_BRASILAPI_URL deve ser uma URL http(s).' })
    .default('https://brasilapi.com.br'),
  /** Registro.br RDAP (domain availability for "Registrar domínio"): `GET {url}/domain/{name}`. */
  LOOKUP_RDAP_URL: z
    .url({ protocol: /^https?$/, error: 'LOOKUP_RDAP_URL deve ser uma URL http(s).' })
    .default('https://rdap.registro.br'),
  /** The second CEP provider, asked when BrasilAPI is down or does not know the CEP (`/ws/{cep}/json/`). */
  LOOKUP_VIACEP_URL: z
    .url({ protocol: /^https?$/, error: 'LOOKUP_VIACEP_URL deve ser uma URL http(s).' })
    .default('https://viacep.com.br'),
  /** Per-request timeout of a lookup; past it the screen falls back to manual entry. */
  LOOKUP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
  /** ClamAV's daemon for the documents' virus scan (tcp://host:3310); without it nothing is scanned. */
  CLAMAV_URL: z
    .url({ protocol: /^tcp$/, error: 'CLAMAV_URL deve ser tcp://host:porta (o clamd do ClamAV).' })
    .optional(),
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /**
   * An S3-compatible bucket for the documents and the imports' spreadsheets instead of DATA_DIR
   * (under `documents/` and `imports/`). Without S3_BUCKET the files stay on the local disk.
   */
  S3_BUCKET: z
    .string()
    .min(3, 'S3_BUCKET deve ter ao menos 3 caracteres.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'S3_ENDPOINT deve ser uma URL http(s).' })
    .refine((u) => !new URL(u).username && !new URL(u).password, {
      error: 'S3_ENDPOINT não leva usuário nem senha: use S3_ACCESS_KEY_ID e S3_SECRET_ACCESS_KEY.',
    })
    .optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Put before every key, e.g. `cadastra/` when the bucket is shared. */
  S3_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\/)*$/, 'S3_PREFIX deve ser vazio ou como "pasta/" (minúsculas, números, - e _).')
    .default(''),
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Documents the office publishes in a folder within this many seconds go out as one notice. */
  DOCUMENTS_NOTICE_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /** Spreadsheet imports: the largest file accepted and the most data rows it may have. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(100_000),
  /** Rows written per transaction while importing (each batch moves the run's cursor with it). */
  IMPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(20_000).default(5000),
  /** Batches an import writes side by side on PostgreSQL (one connection each; PGlite writes one at a time). */
  IMPORT_LANES: z.coerce.number().int().min(1).max(8).default(2),
  /** The most rows one exported file holds; a longer list is refused with a request to filter it. */
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  /** Days an import's rows (personal data from the spreadsheet) and file are kept after the upload. */
  IMPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  SKIP_WEB_BUILD: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
})

export type Config = Readonly<{
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  appUrl: string
  dataDir: string
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string }
  mail: { transport: 'mailbox' } | { transport: 'smtp'; url: string }
  mailFrom: string
  sms: { provider: 'outbox' } | { provider: 'http'; url: string; token?: string }
  sessionSecret: string
  sessionTtlHours: number
  logLevel: string
  seedDemo: boolean
  jobsPollMs: number
  login: { maxFailures: number; lockMinutes: number; rateLimitPerMinute: number }
  skipWebBuild: boolean
  lookups: { brasilApiUrl: string; viaCepUrl: string; rdapUrl: string; timeoutMs: number }
  /** Where the documents and the imports' files live: DATA_DIR, or an S3-compatible bucket. */
  storage:
    | { kind: 'local' }
    | {
        kind: 's3'
        endpoint: string
        bucket: string
        region: string
        accessKeyId: string
        secretAccessKey: string
        prefix: string
        timeoutMs: number
      }
  /** Publications in a folder within this window (ms) are announced together, at its end. */
  documentsNoticeDelayMs: number
  /** The documents' antivirus (clamd); null: uploads are not scanned. */
  clamav: { url: string; timeoutMs: number } | null
  /** Spreadsheet imports; an .xlsx may inflate to 20× the byte limit, no entry more than 100:1. */
  imports: {
    maxBytes: number
    maxRows: number
    maxUncompressedBytes: number
    maxRatio: number
    batchRows: number
    lanes: number
    retentionDays: number
    /** Exports of the lists: the most rows one file holds. */
    exportMaxRows: number
  }
  /** True when the app is served over https: cookies get the Secure flag. */
  secureCookies: boolean
}>

/** Parses the environment once. Throws a readable pt-BR error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Configuração inválida:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const dataDir = path.resolve(e.DATA_DIR)
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    appUrl,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    mail: e.SMTP_URL ? { transport: 'smtp', url: e.SMTP_URL } : { transport: 'mailbox' },
    mailFrom: e.MAIL_FROM,
    sms:
      e.SMS_PROVIDER === 'http'
        ? {
            provider: 'http',
            url: requireValue(e.SMS_HTTP_URL, 'SMS_HTTP_URL é obrigatório com SMS_PROVIDER=http'),
            token: e.SMS_HTTP_TOKEN,
          }
        : { provider: 'outbox' },
    sessionSecret: e.SESSION_SECRET ?? readOrCreateSecret(dataDir),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    jobsPollMs: e.JOBS_POLL_MS,
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      rateLimitPerMinute: e.LOGIN_RATE_LIMIT,
    },
    skipWebBuild: e.SKIP_WEB_BUILD,
    storage: e.S3_BUCKET
      ? {
          kind: 's3',
          endpoint: (e.S3_ENDPOINT ?? `https://s3.${e.S3_REGION}.amazonaws.com`).replace(/\/+$/, ''),
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          accessKeyId: requireValue(e.S3_ACCESS_KEY_ID, 'S3_ACCESS_KEY_ID é obrigatório com S3_BUCKET'),
          secretAccessKey: requireValue(
            e.S3_SECRET_ACCESS_KEY,
            'S3_SECRET_ACCESS_KEY é obrigatório com S3_BUCKET',
          ),
          prefix: e.S3_PREFIX,
          timeoutMs: e.S3_TIMEOUT_MS,
        }
      : { kind: 'local' },
    documentsNoticeDelayMs: e.DOCUMENTS_NOTICE_DELAY_SECONDS * 1000,
    clamav: e.CLAMAV_URL ? { url: e.CLAMAV_URL, timeoutMs: e.CLAMAV_TIMEOUT_MS } : null,
    lookups: {
      brasilApiUrl: e.LOOKUP_BRASILAPI_URL.replace(/\/+$/, ''),
      viaCepUrl: e.LOOKUP_VIACEP_URL.replace(/\/+$/, ''),
      rdapUrl: e.LOOKUP_RDAP_URL.replace(/\/+$/, ''),
      timeoutMs: e.LOOKUP_TIMEOUT_MS,
    },
    imports: {
      maxBytes: e.IMPORT_MAX_BYTES,
      maxRows: e.IMPORT_MAX_ROWS,
      maxUncompressedBytes: e.IMPORT_MAX_BYTES * 20,
      maxRatio: 100,
      batchRows: e.IMPORT_BATCH_ROWS,
      lanes: e.IMPORT_LANES,
      retentionDays: e.IMPORT_RETENTION_DAYS,
      exportMaxRows: e.EXPORT_MAX_ROWS,
    },
    secureCookies: appUrl.startsWith('https://'),
    ...overrides,
  }
  return Object.freeze(config)
}

function requireValue<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(`Configuração inválida:\n  ${message}`)
  return value
}

/** The session secret is generated on first start and kept in the data folder (mode 0600). */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
