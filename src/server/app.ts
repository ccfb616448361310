import { existsSync } from 'node:fs'
import path from 'node:path'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Config } from './config.ts'
import type { Database } from './platform/db/database.ts'
import { AppError } from './platform/errors.ts'
import { installErrorHandler, routeNotFoundBody } from './platform/http/error-handler.ts'
import './platform/http/types.ts'
import { createJobsCleanupJob, scheduleJobsCleanup } from './platform/jobs/cleanup.ts'
import { JobRunner } from './platform/jobs/queue.ts'
import { createSendMailJob } from './platform/mail/mailer.ts'
import { createSendSmsJob, createSmsProvider, type SmsProvider } from './platform/sms/sms.ts'
import { createMailTransport, type MailTransport } from './platform/mail/transport.ts'
import { createLookupsFromConfig, type Lookups } from './platform/lookups/index.ts'
import { accessRoutes } from './modules/access/index.ts'
import { agendaRoutes } from './modules/agenda/index.ts'
import { clientPlansRoutes, plansRoutes } from './modules/plans/index.ts'
import { auditRoutes } from './modules/audit/index.ts'
import { authRoutes, installAuthHooks } from './modules/auth/index.ts'
import { clientUsersRoutes, markInvitationBounced } from './modules/client-users/index.ts'
import { clientsRoutes } from './modules/clients/index.ts'
import { createImportJobs, exportsRoutes, importLanes, importsRoutes } from './modules/imports/index.ts'
import {
  certificatePdfBytes,
  createCertificatesJob,
  createNotifyJob,
  createReminderJob,
  eventsRoutes,
  joinRoute,
} from './modules/events/index.ts'
import { intakeRoutes } from './modules/intake/index.ts'
import { type Clock, createClock } from './platform/clock.ts'
import { portalRoutes } from './modules/portal/index.ts'
import {
  createDocumentJobs,
  DOCUMENT_MAX_BYTES,
  type DocumentsDeps,
  documentsRoutes,
  portalDocumentsRoutes,
} from './modules/documents/index.ts'
import { createClamdScanner, type FileStorage, noopScanner, parseClamdUrl } from './platform/storage/index.ts'
import { storageFromConfig } from './platform/storage/from-config.ts'
import { healthRoutes } from './modules/health/index.ts'
import { portalNotificationsRoutes } from './modules/notifications/index.ts'
import { lookupsRoutes } from './modules/lookups/index.ts'
import { devMailRoutes, outboxRoutes } from './modules/outbox/index.ts'
import { tasksRoutes } from './modules/tasks/index.ts'
import { staffRoutes } from './modules/staff/index.ts'
import { tenantLogoRoutes, tenantSettingsRoutes, tenantsRoutes } from './modules/tenants/index.ts'

export type AppDeps = {
  database: Database
  /** Overrides for tests: a transport, job timings. */
  mailTransport?: MailTransport
  smsProvider?: SmsProvider
  /** CNPJ/CEP lookups (tests: own providers or clock); default from config.lookups. */
  lookups?: Lookups
  jobs?: { retryBaseMs?: number; autoStart?: boolean }
  /** The business clock (join window, reminders, certificates); tests move it. */
  clock?: Clock
  loginRateLimit?: number
  /** Folder with the built web app; served with SPA fallback when present. */
  webDir?: string | null
  /** Documents: storage (default <dataDir>/documents), virus scanner (default none), size limit. */
  documents?: Partial<Omit<DocumentsDeps, 'db'>>
  /** Where uploaded import spreadsheets are kept (default <dataDir>/imports, or the bucket's imports/). */
  importStorage?: FileStorage
}

export type App = FastifyInstance & { jobs: JobRunner; database: Database; clock: Clock }

/**
 * Builds the whole application around an open, migrated database. main.ts and the tests both
 * call this; nothing here reads process.env.
 */
export async function buildApp(config: Config, deps: AppDeps): Promise<App> {
  const { database } = deps
  const db = database.db
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    pluginTimeout: 30_000,
    genReqId: () => crypto.randomUUID(),
    // One line per request is noise at this size; errors and refusals are logged by the error handler.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' }),
    routerOptions: { ignoreTrailingSlash: true },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  installErrorHandler(app)

  const transport = deps.mailTransport ?? createMailTransport(config)
  const sms = deps.smsProvider ?? createSmsProvider(config)
  const lookups =
    deps.lookups ??
    createLookupsFromConfig(config, {
      onUnavailable: (info) => app.log.warn(info, 'consulta externa indisponível'),
    })
  const clock = deps.clock ?? createClock()
  const eventsDeps = { db, config, clock }
  const deps2 = { db, config }
  const importsDeps = {
    ...deps2,
    lanes: importLanes(database, config),
    storage: deps.importStorage ?? storageFromConfig(config, 'imports'),
  }
  const documentsDeps: DocumentsDeps = {
    db,
    appUrl: config.appUrl,
    storage: deps.documents?.storage ?? storageFromConfig(config, 'documents'),
    scanner:
      deps.documents?.scanner ??
      (config.clamav
        ? createClamdScanner({ ...parseClamdUrl(config.clamav.url), timeoutMs: config.clamav.timeoutMs })
        : noopScanner),
    maxBytes: deps.documents?.maxBytes ?? DOCUMENT_MAX_BYTES,
    noticeDelayMs: deps.documents?.noticeDelayMs ?? config.documentsNoticeDelayMs,
    zipLimits: deps.documents?.zipLimits,
  }
  const jobs = new JobRunner(
    db,
    [
      createSendMailJob(
        db,
        transport,
        config.mailFrom,
        (message) => markInvitationBounced(db, message),
        async (source) => {
          const [kind, id] = source.split(':')
          if (kind === 'certificate' && id) return certificatePdfBytes(db, id)
          throw new Error(`Anexo desconhecido: ${source}`)
        },
      ),
      createSendSmsJob(db, sms),
      createNotifyJob(eventsDeps),
      createReminderJob(eventsDeps),
      createCertificatesJob(eventsDeps),
      ...createImportJobs(importsDeps),
      ...createDocumentJobs(documentsDeps),
      createJobsCleanupJob(db, () => clock.now()),
    ],
    {
      pollMs: config.jobsPollMs,
      retryBaseMs: deps.jobs?.retryBaseMs,
      exclusive: database.kind === 'pglite',
      onError: (err, job) => app.log.warn({ err, job }, 'tarefa falhou'),
    },
  )

  await app.register(cookie, { secret: config.sessionSecret })
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } })
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', {
        status: 429,
        message: `Muitas tentativas em pouco tempo. Aguarde ${Math.ceil(ctx.ttl / 1000)} segundos e tente de novo.`,
      }) as never,
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cadastra API',
        version: '1.0.0',
        description: 'API REST do Cadastra. Erros: { code, message, fields? }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cadastra_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } })

  installAuthHooks(app, deps2)
  await app.register(healthRoutes(database), { prefix: '/api' })
  await app.register(
    async (v1) => {
      await v1.register(
        authRoutes({ ...deps2, loginRateLimit: deps.loginRateLimit ?? config.login.rateLimitPerMinute }),
      )
      await v1.register(accessRoutes(db))
      await v1.register(staffRoutes(deps2))
      await v1.register(tenantsRoutes(deps2))
      await v1.register(auditRoutes(db))
      await v1.register(outboxRoutes(db))
      await v1.register(tasksRoutes(db))
      await v1.register(clientsRoutes(db))
      await v1.register(clientUsersRoutes(deps2))
      await v1.register(portalRoutes(db))
      await v1.register(tenantSettingsRoutes(db))
      await v1.register(tenantLogoRoutes(db))
      await v1.register(intakeRoutes(deps2))
      await v1.register(importsRoutes(importsDeps))
      await v1.register(exportsRoutes(deps2))
      await v1.register(lookupsRoutes(lookups))
      await v1.register(eventsRoutes(eventsDeps))
      await v1.register(agendaRoutes({ db, clock }))
      await v1.register(plansRoutes({ db, config, clock, lookups }))
      await v1.register(clientPlansRoutes({ db, config, clock, lookups }))
      await v1.register(documentsRoutes(documentsDeps))
      await v1.register(portalDocumentsRoutes(documentsDeps))
      await v1.register(portalNotificationsRoutes(db))
    },
    { prefix: '/api/v1' },
  )
  await app.register(joinRoute(eventsDeps))
  if (config.mail.transport === 'mailbox' && config.env !== 'production') {
    await app.register(devMailRoutes(db), { prefix: '/api' })
  }
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  )

  const webDir = deps.webDir && existsSync(path.join(deps.webDir, 'index.html')) ? deps.webDir : null
  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: false,
      maxAge: '1h',
      // The build writes .br and .gz next to each file: sent as the browser accepts them.
      preCompressed: true,
      // Files under /assets/ carry a hash of their content in the name: cached for good.
      setHeaders: (reply, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          reply.header('cache-control', 'public, max-age=31536000, immutable')
      },
    })
  }
  // Unknown routes: client-side routes get the web app's index.html, the rest a pt-BR 404.
  // Rate-limited so probing for URLs stays cheap.
  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 300, timeWindow: '1 minute' }) },
    (req, reply) => {
      // A file of the build that does not exist (an old chunk after a deployment) is a 404, not the
      // page: the browser then knows the module is missing.
      if (webDir && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
        return reply
          .header('cache-control', 'no-cache')
          .sendFile('index.html', webDir, { cacheControl: false })
      }
      return reply.code(404).send(routeNotFoundBody())
    },
  )

  app.addHook('onReady', async () => {
    if (deps.jobs?.autoStart !== false) {
      // Finished jobs are deleted after their retention, once a day; the first run is queued here.
      await scheduleJobsCleanup(db, clock.now())
      await jobs.start()
    }
  })
  app.addHook('onClose', async () => {
    await jobs.stop()
    transport.close()
  })
  return Object.assign(app, { jobs, database, clock }) as App
}
