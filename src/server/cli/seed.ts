import { loadConfig } from '../config.ts'
import { prepareDatabase } from '../boot.ts'
import { DEMO_LOGINS } from '../seed.ts'

const config = loadConfig()
const { database, seeded } = await prepareDatabase(config, { seed: true })
console.log(
  seeded
    ? 'Dados de demonstração criados:'
    : 'O banco já tinha dados; nada foi criado. Acessos de demonstração:',
)
for (const l of DEMO_LOGINS) console.log(`  ${l.role}: ${l.email} / ${l.password}`)
await database.close()
