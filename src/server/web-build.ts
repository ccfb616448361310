import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const WEB_DIST = path.join(ROOT, 'dist', 'web')
const SOURCES = [
  path.join(ROOT, 'src', 'web'),
  path.join(ROOT, 'src', 'shared'),
  path.join(ROOT, 'vite.config.ts'),
]

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let max = st.mtimeMs
  for (const e of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)))
  return max
}

/** Builds the web app with Vite when dist/web is missing or older than its sources. */
export async function ensureWebBuilt(log: (m: string) => void = console.log): Promise<string> {
  const index = path.join(WEB_DIST, 'index.html')
  const built = existsSync(index) ? statSync(index).mtimeMs : 0
  if (built >= Math.max(...SOURCES.map(newestMtime))) return WEB_DIST
  log('Compilando a interface web (Vite)…')
  const started = Date.now()
  const { build } = await import('vite')
  // Always a production bundle, whatever NODE_ENV this process runs with (tests set "test").
  const previous = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' })
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = previous
  }
  log(`Interface web compilada em ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  return WEB_DIST
}
