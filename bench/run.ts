/**
 * `npm run bench [name...]` — runs every `bench/*.bench.ts` in sequence (alphabetical), or only the
 * ones named (`insert-100k` or `insert-100k.bench.ts`). Prints machine info first. Exits 0 when
 * every benchmark ran; 1 when one failed (a wrong row count is a failure, a slow timing is not);
 * 2 for an unknown name.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Benchmark, errorMessage, formatSeconds, machineInfo, runPendingCleanups, time } from './lib.ts'

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const SUFFIX = '.bench.ts'

const available = (await readdir(BENCH_DIR))
  .filter((f) => f.endsWith(SUFFIX))
  .map((f) => f.slice(0, -SUFFIX.length))
  .sort()

const requested = process.argv.slice(2).map((arg) => path.basename(arg).replace(/\.bench\.ts$/, ''))
const unknown = requested.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}`)
  process.exit(2)
}
const selected = requested.length > 0 ? [...new Set(requested)] : available

// Ctrl-C still removes the temporary databases.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: removing temporary databases…`)
    void runPendingCleanups().finally(() => process.exit(130))
  })
}

console.log(`Cadastra benchmarks — ${new Date().toISOString()}`)
console.log(machineInfo())

const failed: string[] = []
const total = await time(async () => {
  for (const name of selected) {
    console.log(`\n=== ${name} ${'='.repeat(Math.max(0, 70 - name.length))}`)
    try {
      const mod = (await import(pathToFileURL(path.join(BENCH_DIR, name + SUFFIX)).href)) as {
        default?: Benchmark
      }
      const benchmark = mod.default
      if (!benchmark || typeof benchmark.run !== 'function') {
        throw new Error(`${name}${SUFFIX} must \`export default defineBenchmark({ description, run })\``)
      }
      console.log(benchmark.description)
      const { seconds } = await time(() => benchmark.run())
      console.log(`\n${name}: done in ${formatSeconds(seconds)} s`)
    } catch (error) {
      failed.push(name)
      console.error(`\n✗ ${name} FAILED: ${errorMessage(error)}`)
      if (error instanceof Error && error.stack && process.env.BENCH_VERBOSE) console.error(error.stack)
    } finally {
      await runPendingCleanups()
    }
  }
})

console.log(
  `\n${selected.length - failed.length}/${selected.length} benchmark(s) ran in ${formatSeconds(total.seconds)} s` +
    (failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''),
)
// Exit explicitly: a stray driver handle must not keep CI waiting.
process.exit(failed.length > 0 ? 1 : 0)
