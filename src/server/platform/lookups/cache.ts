/**
 * A small in-memory cache with a TTL per entry and a size bound. Reads move an entry to the
 * back; when full, the entry read or written longest ago goes first (LRU through Map order).
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>()

  constructor(private readonly opts: { maxEntries: number; now: () => number }) {}

  get size(): number {
    return this.entries.size
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    if (entry.expiresAt <= this.opts.now()) return undefined
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, value: V, ttlMs: number): void {
    this.entries.delete(key)
    this.entries.set(key, { value, expiresAt: this.opts.now() + ttlMs })
    while (this.entries.size > this.opts.maxEntries) {
      const oldest = this.entries.keys().next().value as string
      this.entries.delete(oldest)
    }
  }

  clear(): void {
    this.entries.clear()
  }
}
