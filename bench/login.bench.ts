/**
 * Full client-user logins through the real app (Fastify + drizzle via `app.inject`), on PGlite and on
 * PostgreSQL, compared with the argon2id verification at their core:
 *   - our path: `GET /api/v1/auth/session` (CSRF token) + `POST /api/v1/auth/login` (password) +
 *     `POST /api/v1/auth/mfa/verify` (a fresh KEYPASS code); every login must end in stage 'full',
 *     any other outcome fails the benchmark;
 *   - raw baseline: `verify` from @node-rs/argon2 against a hash from `hashPassword` (same argon2id
 *     parameters as the login), the same number of times.
 * Both run with the same concurrency (2: one per core on the reference machine).
 *
 * Setup (untimed): a tenant, one client company and enough client users who accepted their
 * invitation and enrolled a KEYPASS through the HTTP API, each from its own IP (X-Forwarded-For) so
 * the per-IP limits of the invitation and code routes are not what gets measured; the login route's
 * own limit is lifted (`loginRateLimit`).
 *
 * KEYPASS replay guard: a code's 30-second step can be used once per user (and only steps after the
 * last one used), and the server accepts one step of drift. Users enrol with the previous step's code
 * and then log in with the codes of the current and the next step (k = 0, +1), so each user logs in
 * at most twice per window and LOGINS / 2 users are enough without ever waiting for the clock.
 *
 * BENCH_LOGINS overrides the number of timed logins (default 200) for quick experiments.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { verify } from '@node-rs/argon2'
import { type App, buildApp } from '../src/server/app.ts'
import { type Config, loadConfig } from '../src/server/config.ts'
import { hashPassword } from '../src/server/platform/security/passwords.ts'
import { TOTP_PERIOD, totpCode, totpStep } from '../src/server/platform/security/totp.ts'
import { createOrg, lastMailTo, tokenFrom } from '../tests/factories/client-users.ts'
import { createTenant, type TenantFixture } from '../tests/factories/tenants.ts'
import { TestClient } from '../tests/helpers/client.ts'
import {
  type BenchEngine,
  defineBenchmark,
  forEachEngine,
  ResultTable,
  runConcurrently,
  time,
} from './lib.ts'

const LOGINS = Math.max(2, Number(process.env.BENCH_LOGINS) || 200)
const WARMUP_LOGINS = 6
const CONCURRENCY = 2
/** Two logins per user per 30-second window (codes of steps now and now + 1). */
const USERS = Math.ceil((LOGINS + WARMUP_LOGINS) / 2)
const PASSWORD = 'Portal#Seguro2026'
const STEP_MS = TOTP_PERIOD * 1000

const LOGIN_METHOD = 'full login (password + KEYPASS)'
const BASELINE_METHOD = 'raw argon2id verify'

export default defineBenchmark({
  description:
    `${LOGINS} client-user logins (session + password + KEYPASS code, via app.inject) vs ${LOGINS} raw ` +
    `argon2id verifies, concurrency ${CONCURRENCY}, ${USERS} users`,
  async run() {
    const table = new ResultTable('ops')
    const passwordHash = await hashPassword(PASSWORD)

    await forEachEngine(async (engine) => {
      const { app, config } = await buildBenchApp(engine)
      try {
        const { value: users, seconds: setupSeconds } = await time(() =>
          createEnrolledUsers(app, config, USERS),
        )
        console.log(
          `  setup: tenant + ${USERS} client users invited, accepted and KEYPASS-enrolled in ` +
            `${setupSeconds.toFixed(1)} s (untimed)`,
        )
        const logins = new LoginRunner(app, users)

        // Untimed warm-up of both paths (JIT, plan caches, connection pool).
        await logins.run(WARMUP_LOGINS)
        await verifyMany(passwordHash, WARMUP_LOGINS)

        const login = await time(() => logins.run(LOGINS))
        table.add({
          engine: engine.name,
          method: LOGIN_METHOD,
          rows: LOGINS,
          seconds: login.seconds,
          note: login.value,
        })

        const raw = await time(() => verifyMany(passwordHash, LOGINS))
        table.add({
          engine: engine.name,
          method: BASELINE_METHOD,
          rows: LOGINS,
          seconds: raw.seconds,
          isBaseline: true,
          note: raw.value,
        })
      } finally {
        await app.close()
      }
    })

    table.print()
  },
})

// ---------------------------------------------------------------------------------------------
// The app and its users

async function buildBenchApp(engine: BenchEngine): Promise<{ app: App; config: Config }> {
  const config: Config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: randomBytes(36).toString('base64url'),
      APP_URL: 'http://cadastra.bench',
    },
    {
      database:
        engine.database.kind === 'postgres'
          ? { kind: 'postgres', url: '(benchmark database)' }
          : { kind: 'pglite', dataDir: '(benchmark data dir)' },
    },
  )
  const app = await buildApp(config, {
    database: engine.database,
    // Jobs do not poll: the invitation mails are sent by app.jobs.drain() during setup.
    jobs: { autoStart: false },
    // Measure the work, not the limiter.
    loginRateLimit: 1e9,
  })
  await app.ready()
  return { app, config }
}

/** A TestClient whose requests come from one IP (per-IP rate limits apply per simulated person). */
class ClientAt extends TestClient {
  constructor(
    app: App,
    readonly ip: string,
  ) {
    super(app)
  }

  override request<T = any>(
    method: Parameters<TestClient['request']>[0],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return super.request<T>(method, url, body, { 'x-forwarded-for': this.ip, ...headers })
  }
}

type BenchUser = {
  email: string
  ip: string
  secret: string
  /** The last KEYPASS step this user used (the server refuses it and every step before it). */
  lastStep: number
  busy: boolean
}

function ipOf(i: number): string {
  return `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`
}

async function createEnrolledUsers(app: App, config: Config, count: number): Promise<BenchUser[]> {
  const tenant: TenantFixture = await createTenant(app, config, { name: 'Contabilidade Benchmark' })
  const org = await createOrg(tenant, 'Padaria Benchmark Ltda')
  const suffix = randomBytes(3).toString('hex')
  const emails = Array.from({ length: count }, (_, i) => `cliente.${i}.${suffix}@exemplo.com.br`)

  await runConcurrently(count, CONCURRENCY, async (i) => {
    const res = await tenant.admin.post('/api/v1/client-users', {
      name: `Cliente Benchmark ${i + 1}`,
      email: emails[i],
      portalActive: true,
      companyIds: [org.id],
      send: 'now',
    })
    if (res.status !== 201) throw new Error(`client user ${i}: ${res.status} ${JSON.stringify(res.body)}`)
  })
  await app.jobs.drain()

  const users: BenchUser[] = new Array(count)
  await runConcurrently(count, CONCURRENCY, async (i) => {
    const mail = await lastMailTo(app, emails[i])
    const link = mail?.links.find((l) => l.includes('/convite?token='))
    if (!link) throw new Error(`no invitation e-mail for ${emails[i]}`)
    users[i] = await acceptAndEnrol(app, emails[i], ipOf(i), tokenFrom(link))
  })
  return users
}

/**
 * Like tests/factories/client-users.ts' acceptAndEnrol, from the user's own IP, but the KEYPASS is
 * confirmed with the previous step's code (accepted as clock drift) so that the current and the next
 * step stay free for two logins in the current window.
 */
async function acceptAndEnrol(app: App, email: string, ip: string, token: string): Promise<BenchUser> {
  const c = new ClientAt(app, ip)
  await c.get('/api/v1/auth/session')
  const accepted = await c.post('/api/v1/invitations/accept', {
    token,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
  })
  if (accepted.status !== 200)
    throw new Error(`accept ${email}: ${accepted.status} ${JSON.stringify(accepted.body)}`)
  const setup = await c.post('/api/v1/auth/keypass/setup')
  if (setup.status !== 200) throw new Error(`keypass setup ${email}: ${setup.status}`)
  const secret = setup.body.secret as string
  // A window boundary between our clock read and the server's makes the previous step two steps
  // old: try again once with the (new) previous step.
  for (let attempt = 0; ; attempt++) {
    const at = Date.now() - STEP_MS
    const confirmed = await c.post('/api/v1/auth/keypass/confirm', { code: totpCode(secret, at) })
    if (confirmed.status === 200) return { email, ip, secret, lastStep: totpStep(at), busy: false }
    if (attempt > 0)
      throw new Error(`keypass confirm ${email}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`)
  }
}

// ---------------------------------------------------------------------------------------------
// Our path: full logins

class LoginRunner {
  private cursor = 0

  constructor(
    private readonly app: App,
    private readonly users: BenchUser[],
  ) {}

  /**
   * Runs `count` full logins, CONCURRENCY at a time, rotating users. Throws (after all ran) when any
   * did not end in a 'full' session. Returns where the time went, as mean latency per request.
   */
  async run(count: number): Promise<string> {
    const spent = { session: 0, password: 0, keypass: 0 }
    const failures: string[] = []
    await runConcurrently(count, CONCURRENCY, async () => {
      const { user, code } = this.nextCode()
      try {
        await this.login(user, code, spent)
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error))
      } finally {
        user.busy = false
      }
    })
    if (failures.length > 0) {
      throw new Error(
        `${failures.length} of ${count} logins did not end in a full session; first: ${failures[0]}`,
      )
    }
    const ms = (total: number) => `${(total / count).toFixed(1)} ms`
    return (
      `mean latency: session ${ms(spent.session)} + password ${ms(spent.password)} + ` +
      `KEYPASS ${ms(spent.keypass)}`
    )
  }

  /** The next user with a free KEYPASS step in {now, now + 1}, claimed before the request goes out. */
  private nextCode(): { user: BenchUser; code: string } {
    const now = Date.now()
    const current = totpStep(now)
    for (let tried = 0; tried < this.users.length; tried++) {
      const user = this.users[this.cursor++ % this.users.length]
      if (user.busy) continue
      for (const k of [0, 1]) {
        if (current + k > user.lastStep) {
          user.lastStep = current + k
          user.busy = true
          return { user, code: totpCode(user.secret, now + k * STEP_MS) }
        }
      }
    }
    throw new Error(
      `no unused KEYPASS step left for ${this.users.length} users in this 30-second window ` +
        '(more logins than 2 per user); create more users',
    )
  }

  private async login(
    user: BenchUser,
    code: string,
    spent: { session: number; password: number; keypass: number },
  ): Promise<void> {
    const c = new ClientAt(this.app, user.ip)
    let t = performance.now()
    const lap = (phase: keyof typeof spent) => {
      const now = performance.now()
      spent[phase] += now - t
      t = now
    }

    const session = await c.get('/api/v1/auth/session')
    lap('session')
    if (session.status !== 200 || !c.csrfToken) throw new Error(`${user.email}: session ${session.status}`)

    const login = await c.post('/api/v1/auth/login', { email: user.email, password: PASSWORD })
    lap('password')
    if (login.status !== 200 || login.body.user?.stage !== 'mfa') {
      throw new Error(`${user.email}: login ${login.status} ${JSON.stringify(login.body)}`)
    }

    const verified = await c.post('/api/v1/auth/mfa/verify', { code })
    lap('keypass')
    if (verified.status !== 200 || verified.body.user?.stage !== 'full') {
      throw new Error(`${user.email}: KEYPASS ${verified.status} ${JSON.stringify(verified.body)}`)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Raw baseline

/** `count` argon2id verifies of the right password, CONCURRENCY at a time; each must succeed. */
async function verifyMany(passwordHash: string, count: number): Promise<string> {
  let spent = 0
  await runConcurrently(count, CONCURRENCY, async () => {
    const start = performance.now()
    const ok = await verify(passwordHash, PASSWORD)
    spent += performance.now() - start
    if (!ok) throw new Error('argon2 verify returned false for the right password')
  })
  return `mean latency ${(spent / count).toFixed(1)} ms; ${passwordHash.split('$')[3]}`
}
