/**
 * A writer process for the PGlite durability test: opens the PGlite folder given as argument and
 * commits batches of 1,000 rows, one transaction each, printing the total after each commit, until
 * the test kills it.
 */
import { openPglite } from '#server/platform/db/database.ts'

const database = await openPglite(process.argv[2])
if (database.raw.kind !== 'pglite') throw new Error('unreachable')
const client = database.raw.client
await client.exec('create table if not exists writes (id int primary key, payload text not null)')
let total = (await client.query<{ n: number }>('select count(*)::int as n from writes')).rows[0].n
process.stdout.write('ready\n')
for (;;) {
  await client.transaction(async (tx) => {
    await tx.query(`insert into writes select g, repeat('x', 200) from generate_series($1::int, $2::int) g`, [
      total + 1,
      total + 1000,
    ])
  })
  total += 1000
  process.stdout.write(`${total}\n`)
}
