/**
 * Development: the API with reload on change (tsx watch) and the Vite dev server with hot reload,
 * which proxies /api to the API. Open the Vite URL it prints (http://localhost:5173 by default).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const port = process.env.PORT ?? '3000'
const webPort = process.env.WEB_PORT ?? '5173'
const env = {
  ...process.env,
  PORT: port,
  APP_URL: process.env.APP_URL ?? `http://localhost:${webPort}`,
  SKIP_WEB_BUILD: '1',
}

const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server/main.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  }),
  spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), '--port', webPort], {
    cwd: root,
    env,
    stdio: 'inherit',
  }),
]
const stop = () => {
  for (const c of children) c.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const c of children) c.on('exit', (code) => code && code !== 0 && stop())
