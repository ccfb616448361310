/**
 * Test runner: finds the test files and runs them with node:test.
 *   npm test               unit + service/HTTP tests on PGlite, then on PostgreSQL when TEST_DATABASE_URL is set
 *   npm test -- <files>    only those files
 *   npm run test:e2e       browser journeys (tests/e2e/*.e2e.ts) in headless Chromium
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const e2e = args.includes('--e2e')
const explicit = args.filter((a) => !a.startsWith('--'))

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else out.push(p)
  }
  return out
}

const files = explicit.length
  ? explicit.map((f) => path.resolve(f))
  : e2e
    ? walk(path.join(root, 'tests', 'e2e')).filter((f) => f.endsWith('.e2e.ts'))
    : [...walk(path.join(root, 'src')), ...walk(path.join(root, 'tests'))].filter(
        (f) => f.endsWith('.test.ts') && !f.includes(`${path.sep}e2e${path.sep}`),
      )

if (files.length === 0) {
  console.error('Nenhum arquivo de teste encontrado.')
  process.exit(1)
}

const engines: ('pglite' | 'postgres')[] = ['pglite']
if (!e2e && process.env.TEST_DATABASE_URL) engines.push('postgres')

/** One migrated PGlite, dumped once per set of migrations, that each test file loads instead of running initdb. */
async function preparePgliteTemplate(): Promise<string> {
  const { createHash } = await import('node:crypto')
  const { mkdirSync, existsSync, writeFileSync, readdirSync: ls, readFileSync } = await import('node:fs')
  const migrations = path.join(root, 'migrations')
  const hash = createHash('sha256')
  for (const f of walk(migrations).sort()) hash.update(f).update(readFileSync(f))
  hash.update(readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json')))
  const dir = path.join(root, 'node_modules', '.cache', 'cadastra')
  const file = path.join(dir, `pglite-template-${hash.digest('hex').slice(0, 16)}.tar`)
  if (existsSync(file)) return file
  mkdirSync(dir, { recursive: true })
  for (const old of ls(dir))
    if (old.startsWith('pglite-template-')) (await import('node:fs')).rmSync(path.join(dir, old))
  const { openPglite } = await import('../src/server/platform/db/database.ts')
  const { runMigrations } = await import('../src/server/platform/db/migrate.ts')
  const database = await openPglite('memory://')
  await runMigrations(database)
  if (database.raw.kind !== 'pglite') throw new Error('unreachable')
  const dump = await database.raw.client.dumpDataDir('none')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await database.close()
  return file
}

const template = await preparePgliteTemplate()

let failed = false
for (const engine of engines) {
  console.log(
    `\n=== ${e2e ? 'Testes de navegador' : 'Testes'} — banco: ${engine} — ${files.length} arquivo(s) ===\n`,
  )
  const started = Date.now()
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${e2e ? 1 : 2}`, '--test-reporter=spec', ...files],
    {
      stdio: 'inherit',
      cwd: root,
      env: {
        ...process.env,
        TEST_ENGINE: engine,
        NODE_ENV: 'test',
        ...(template ? { TEST_PGLITE_TEMPLATE: template } : {}),
      },
    },
  )
  console.log(
    `\n=== ${engine}: ${res.status === 0 ? 'ok' : 'FALHOU'} em ${((Date.now() - started) / 1000).toFixed(1)} s ===`,
  )
  if (res.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
