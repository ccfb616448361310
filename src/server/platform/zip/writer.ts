/**
 * A zip archive written entry by entry (so it can be streamed): each entry's local header and data
 * as it comes, the central directory at the end. Names in UTF-8; the caller gives each entry's
 * method (0 stored, 8 deflated), CRC-32 and sizes, so no data descriptors are needed and every
 * reader (Windows Explorer, macOS, unzip, Python's zipfile) opens it. No ZIP64: fewer than 65,535
 * entries and 4 GiB in all, which the callers' limits keep well below.
 */
export type ZipEntry = {
  name: string
  method: number
  crc: number
  /** Uncompressed size. */
  size: number
  /** Size as stored (compressed when `method` is 8). */
  storedSize: number
  modified?: Date
}

/** MS-DOS date and time of a zip header, in local wall-clock terms of `d` (UTC here). */
function dosDateTime(d: Date | undefined): { time: number; date: number } {
  if (!d || d.getUTCFullYear() < 1980) return { time: 0, date: (1 << 5) | 1 } // 1980-01-01
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  }
}

export function zipWriter() {
  const centrals: Buffer[] = []
  let offset = 0
  let count = 0
  return {
    /** The entry's local header and name, to write out now, followed by its `storedSize` bytes. */
    entry(e: ZipEntry): Buffer {
      const name = Buffer.from(e.name, 'utf8')
      const { time, date } = dosDateTime(e.modified)
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      local.writeUInt16LE(20, 4) // version needed
      local.writeUInt16LE(0x0800, 6) // names in UTF-8; sizes known (no data descriptor)
      local.writeUInt16LE(e.method, 8)
      local.writeUInt16LE(time, 10)
      local.writeUInt16LE(date, 12)
      local.writeUInt32LE(e.crc >>> 0, 14)
      local.writeUInt32LE(e.storedSize, 18)
      local.writeUInt32LE(e.size, 22)
      local.writeUInt16LE(name.length, 26)
      const central = Buffer.alloc(46)
      central.writeUInt32LE(0x02014b50, 0)
      central.writeUInt16LE(20, 4) // version made by
      central.writeUInt16LE(20, 6)
      central.writeUInt16LE(0x0800, 8)
      central.writeUInt16LE(e.method, 10)
      central.writeUInt16LE(time, 12)
      central.writeUInt16LE(date, 14)
      central.writeUInt32LE(e.crc >>> 0, 16)
      central.writeUInt32LE(e.storedSize, 20)
      central.writeUInt32LE(e.size, 24)
      central.writeUInt16LE(name.length, 28)
      central.writeUInt32LE(offset, 42)
      centrals.push(central, name)
      offset += 30 + name.length + e.storedSize
      count++
      return Buffer.concat([local, name])
    },
    /** The central directory and its end record, after the last entry. */
    end(): Buffer {
      const cd = Buffer.concat(centrals)
      const end = Buffer.alloc(22)
      end.writeUInt32LE(0x06054b50, 0)
      end.writeUInt16LE(count, 8)
      end.writeUInt16LE(count, 10)
      end.writeUInt32LE(cd.length, 12)
      end.writeUInt32LE(offset, 16)
      return Buffer.concat([cd, end])
    },
  }
}
