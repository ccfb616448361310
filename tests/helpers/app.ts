import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type App, type AppDeps, buildApp } from '#server/app.ts'
import { type Config, loadConfig } from '#server/config.ts'
import type { Database } from '#server/platform/db/database.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

export type TestContext = { app: App; db: TestDatabase; config: Config; close(): Promise<void> }

export function testConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 'x'.repeat(48),
      APP_URL: 'http://cadastra.test',
      // Each publication announced at once (after a drain); the grouping test sets its own window.
      DOCUMENTS_NOTICE_DELAY_SECONDS: '0',
      ...env,
    },
    overrides,
  )
}

/** Builds the real app on a fresh migrated database. Jobs do not poll: tests call app.jobs.drain(). */
export async function startTestApp(
  opts: { config?: Partial<Config>; deps?: Partial<AppDeps>; database?: TestDatabase } = {},
): Promise<TestContext> {
  const db = opts.database ?? (await createTestDatabase())
  // Files the app keeps (import spreadsheets, documents) go to a folder of this app's own.
  const scratch = opts.config?.dataDir ? null : mkdtempSync(path.join(os.tmpdir(), 'cadastra-test-data-'))
  const config = testConfig({ ...(scratch ? { dataDir: scratch } : {}), ...opts.config })
  const app = await buildApp(config, {
    database: db.database,
    jobs: { autoStart: false, retryBaseMs: 10 },
    loginRateLimit: 1000,
    ...opts.deps,
  })
  await app.ready()
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close()
      if (!opts.database) await db.drop()
      if (scratch) rmSync(scratch, { recursive: true, force: true })
    },
  }
}

export async function buildOn(database: Database, config: Config, deps: Partial<AppDeps> = {}) {
  const app = await buildApp(config, {
    database,
    jobs: { autoStart: false, retryBaseMs: 10 },
    loginRateLimit: 1000,
    ...deps,
  })
  await app.ready()
  return app
}
