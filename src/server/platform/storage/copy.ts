import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { Transform } from 'node:stream'
import type { FileStorage } from './storage.ts'

/** The keys of a local storage's folder (temp files of writes in progress left out). */
export async function localKeys(root: string): Promise<string[]> {
  const keys: string[] = []
  const walk = async (dir: string, prefix: string) => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    for (const e of entries) {
      if (e.isDirectory()) await walk(path.join(dir, e.name), `${prefix}${e.name}/`)
      else if (e.isFile() && !e.name.endsWith('.tmp')) keys.push(`${prefix}${e.name}`)
    }
  }
  await walk(path.resolve(root), '')
  return keys.sort()
}

export type CopyProgress = { done: number; total: number; copied: number; skipped: number; bytes: number }

/**
 * Copies `keys` from one storage to another, a few at a time, skipping those the target already
 * has: each file is written whole or not at all, so running it again after a failure (or on a live
 * system, after new uploads) finishes the job without copying anything twice.
 */
export async function copyFiles(
  source: FileStorage,
  target: FileStorage,
  keys: string[],
  opts: { concurrency?: number; onProgress?: (p: CopyProgress) => void } = {},
): Promise<CopyProgress> {
  const progress: CopyProgress = { done: 0, total: keys.length, copied: 0, skipped: 0, bytes: 0 }
  let next = 0
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]
      if (await target.exists(key)) progress.skipped++
      else {
        // Counted as the bytes pass on to the target, at the target's pace.
        const counted = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            progress.bytes += chunk.length
            done(null, chunk)
          },
        })
        const source$ = await source.get(key)
        source$.on('error', (err) => counted.destroy(err))
        await target.put(key, source$.pipe(counted))
        progress.copied++
      }
      progress.done++
      opts.onProgress?.({ ...progress })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker))
  return progress
}
