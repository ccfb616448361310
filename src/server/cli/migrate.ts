import { loadConfig } from '../config.ts'
import { prepareDatabase } from '../boot.ts'

const config = loadConfig()
const { database } = await prepareDatabase(config, { seed: false })
console.log(`Migrações aplicadas (${database.kind}).`)
await database.close()
