/**
 * "Baixar tudo" of a large folder, on PGlite and on PostgreSQL:
 *   - our path: `downloadFolderZip(deps, actor, folderId)`, the function behind the button — it
 *     loads the folder and its subfolders with the actor's rights, lists the documents' current
 *     versions, audits every download (one INSERT), then streams the .zip, reading one file at a
 *     time from the file storage and computing its CRC-32;
 *   - raw baseline: reading the same files from the same storage, one after the other, and counting
 *     their bytes — the reading the archive builds on, without the queries, the audit or the zip.
 * Setup (untimed): 500 documents of 200 KiB (random bytes, as PDFs and scans hardly compress) in a
 * folder and two subfolders, written to a local storage in a temporary folder. Checks (a mismatch
 * fails the benchmark): the archive holds every byte of every document plus its headers, and 500
 * download entries are audited.
 *
 * BENCH_ZIP_FILES / BENCH_ZIP_KIB override the count and the size for quick runs.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { ensureDefaultDepartments } from '../src/server/modules/client-users/index.ts'
import { documentsRepository } from '../src/server/modules/documents/documents.repository.ts'
import type { DocumentsDeps } from '../src/server/modules/documents/documents.service.ts'
import { downloadFolderZip } from '../src/server/modules/documents/documents.zip.ts'
import { tenants } from '../src/server/modules/tenants/tenants.tables.ts'
import { type Actor, systemActor } from '../src/server/platform/actor.ts'
import { type CopyValue, copyRows } from '../src/server/platform/db/copy.ts'
import { createLocalStorage, noopScanner } from '../src/server/platform/storage/index.ts'
import {
  type BenchEngine,
  defineBenchmark,
  forEachEngine,
  formatMiB,
  onCleanup,
  ResultTable,
  time,
  trackPeakRss,
} from './lib.ts'

const FILES = Number(process.env.BENCH_ZIP_FILES) || 500
const BYTES = (Number(process.env.BENCH_ZIP_KIB) || 200) * 1024

export default defineBenchmark({
  description:
    `"Baixar tudo" of a folder with ${FILES} documents of ${BYTES / 1024} KiB: downloadFolderZip ` +
    '(rights, audit, streamed .zip with CRC-32) vs reading the same files from the storage',
  async run() {
    const table = new ResultTable('documents')
    await forEachEngine(async (engine) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'cadastra-bench-zip-'))
      const removeDir = onCleanup(() => rm(dir, { recursive: true, force: true }))
      const storage = createLocalStorage(dir)
      const { seconds: setup, value: fixture } = await time(() => seed(engine, storage))
      console.log(
        `  setup: ${FILES} documents, ${formatMiB(FILES * BYTES)} on disk, in ${setup.toFixed(1)} s (untimed)`,
      )
      const deps: DocumentsDeps = {
        db: engine.database.db,
        appUrl: 'http://bench.local',
        storage,
        scanner: noopScanner,
        maxBytes: 10 * 1024 * 1024,
        noticeDelayMs: 0,
        zipLimits: { files: FILES, bytes: FILES * BYTES },
      }
      const actor: Actor = {
        ...systemActor(fixture.tenantId, 'Benchmark'),
        userId: '11111111-1111-4111-8111-111111111111',
        permissions: new Set(['documents:manage']),
      }

      const base = trackPeakRss()
      const baseline = await time(async () => {
        let n = 0
        for (const key of fixture.keys) n += await count(await storage.get(key))
        return n
      })
      const basePeak = base.stop()
      if (baseline.value !== FILES * BYTES)
        throw new Error(`${engine.name} baseline read ${baseline.value} bytes`)
      table.add({
        engine: engine.name,
        method: 'read the files from the storage',
        rows: FILES,
        seconds: baseline.seconds,
        isBaseline: true,
        note: `peak RSS ${formatMiB(basePeak)}`,
      })

      const rss = trackPeakRss()
      const ours = await time(async () => {
        const zip = await downloadFolderZip(deps, actor, fixture.folderId)
        return count(zip.stream)
      })
      const peak = rss.stop()
      // Each entry adds its local header (30 bytes + name) and its central record (46 + name).
      if (ours.value < FILES * BYTES || ours.value > FILES * BYTES + FILES * 400)
        throw new Error(`${engine.name} zip of ${ours.value} bytes`)
      const audited = await engine.database.db.execute(
        sql`select count(*)::int as n from audit_log where tenant_id = ${fixture.tenantId} and action = 'download'`,
      )
      const n = (audited as unknown as { rows: { n: number }[] }).rows[0].n
      if (n !== FILES) throw new Error(`${engine.name}: ${n} downloads audited`)
      table.add({
        engine: engine.name,
        method: 'downloadFolderZip',
        rows: FILES,
        seconds: ours.seconds,
        note: `${formatMiB(ours.value)} .zip; peak RSS ${formatMiB(peak)}`,
      })
      await removeDir()
    })
    table.print()
  },
})

async function count(stream: Readable): Promise<number> {
  let n = 0
  for await (const chunk of stream) n += (chunk as Buffer).length
  return n
}

async function seed(
  engine: BenchEngine,
  storage: ReturnType<typeof createLocalStorage>,
): Promise<{ tenantId: string; folderId: string; keys: string[] }> {
  const db = engine.database.db
  const [t] = await db
    .insert(tenants)
    .values({
      name: `Documentos ${randomBytes(3).toString('hex')}`,
      slug: `bench-${randomBytes(4).toString('hex')}`,
    })
    .returning({ id: tenants.id })
  const tenantId = t.id
  await ensureDefaultDepartments(db, tenantId)
  const orgId = randomUUID()
  await copyRows(
    db,
    'client_orgs',
    ['id', 'tenant_id', 'document_type', 'document', 'name'],
    [[orgId, tenantId, 'cnpj', '11444777000161', 'Empresa do Benchmark Ltda']],
  )
  const repo = documentsRepository(db)
  const fiscal = (await repo.departments(tenantId)).find((d) => d.name === 'Fiscal')!
  await repo.ensureSystemFolders(tenantId, orgId, [fiscal])
  const root = (await repo.folders(tenantId, orgId, [fiscal.id])).find((f) => f.isSystem)!
  const subfolders: CopyValue[][] = ['2025', '2026'].map((name) => [
    randomUUID(),
    tenantId,
    orgId,
    fiscal.id,
    root.id,
    name,
    true,
    'Benchmark',
  ])
  await copyRows(
    db,
    'document_folders',
    [
      'id',
      'tenant_id',
      'client_org_id',
      'department_id',
      'parent_id',
      'name',
      'is_shared',
      'created_by_name',
    ],
    subfolders,
  )
  const folderIds = [root.id, ...subfolders.map((f) => f[0] as string)]
  const docs: CopyValue[][] = []
  const versions: CopyValue[][] = []
  const keys: string[] = []
  const staff = randomUUID()
  for (let i = 0; i < FILES; i++) {
    const id = randomUUID()
    const version = randomUUID()
    const key = `${tenantId}/${id}/${version}`
    await storage.put(key, randomBytes(BYTES))
    keys.push(key)
    const name = `Documento ${String(i + 1).padStart(4, '0')}.pdf`
    docs.push([id, tenantId, orgId, folderIds[i % folderIds.length], name, 1, staff, 'Benchmark'])
    versions.push([
      version,
      tenantId,
      id,
      1,
      key,
      name,
      BYTES,
      'application/pdf',
      '0'.repeat(64),
      staff,
      'Benchmark',
    ])
  }
  await copyRows(
    db,
    'documents',
    [
      'id',
      'tenant_id',
      'client_org_id',
      'folder_id',
      'name',
      'current_version',
      'created_by_staff_user_id',
      'created_by_name',
    ],
    docs,
  )
  await copyRows(
    db,
    'document_versions',
    [
      'id',
      'tenant_id',
      'document_id',
      'version',
      'storage_key',
      'filename',
      'size_bytes',
      'mime',
      'sha256',
      'uploaded_by_staff_user_id',
      'uploaded_by_name',
    ],
    versions,
  )
  await db.execute(sql`analyze documents, document_versions, document_folders`)
  return { tenantId, folderId: root.id, keys }
}
