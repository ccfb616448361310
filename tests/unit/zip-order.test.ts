import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { readHead, readRows } from '#server/platform/spreadsheet/read.ts'
import { inspectXlsx, readCentralDirectory } from '#server/platform/spreadsheet/zip-guard.ts'
import { streamingOrder } from '#server/platform/spreadsheet/zip-order.ts'

const LIMITS = { maxUncompressedBytes: 50 * 1024 * 1024, maxRatio: 100 }
const partsOf = (bytes: Buffer) =>
  [...readCentralDirectory(bytes, 2000)].sort((a, b) => a.localOffset - b.localOffset).map((e) => e.name)
const openFiles = () => readdirSync('/proc/self/fd').length

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Planilha1')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('.xlsx parts in streaming order', () => {
  test('the workbook, its relationships, shared strings and styles come before the worksheets; the same cells are read', async () => {
    const original = await workbook([
      ['Nome', 'Nascimento', 'CPF'],
      ['Zé Araújo', new Date(Date.UTC(1990, 4, 17)), 52998224725],
    ])
    assert.ok(
      partsOf(original).indexOf('xl/worksheets/sheet1.xml') < partsOf(original).indexOf('xl/workbook.xml'),
    )
    const ordered = streamingOrder(original)
    const parts = partsOf(ordered)
    assert.deepEqual(parts.slice(0, 6), [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
    ])
    assert.deepEqual(new Set(parts), new Set(partsOf(original)))
    await inspectXlsx(ordered, LIMITS) // a sound zip: every entry inflates, offsets tile the file
    assert.equal(streamingOrder(ordered), ordered, 'already in order: returned as it is')
    const rows = await readHead('xlsx', original, 5)
    assert.deepEqual(rows[1].cells, ['Zé Araújo', new Date(Date.UTC(1990, 4, 17)), 52998224725])
  })

  test('a workbook without shared strings gets an empty part; reading leaves no file open', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Números').addRow([1, 2, 3])
    const original = Buffer.from(await wb.xlsx.writeBuffer())
    assert.ok(!partsOf(original).includes('xl/sharedStrings.xml'), 'numbers only: no shared strings part')
    const ordered = streamingOrder(original)
    assert.ok(partsOf(ordered).includes('xl/sharedStrings.xml'))
    assert.equal(partsOf(ordered).length, partsOf(original).length + 1)
    assert.deepEqual((await readHead('xlsx', original, 1))[0].cells, [1, 2, 3])
    await inspectXlsx(ordered, LIMITS)

    const text = await workbook([['Nome'], ['Ana'], ['Bia']])
    const before = openFiles()
    for (let i = 0; i < 40; i++) {
      await readHead('xlsx', text, 1) // stops early
      for await (const _ of readRows('xlsx', text)) {
      }
    }
    assert.ok(openFiles() - before <= 2, `${openFiles() - before} descriptors left open`)
  })

  test('a damaged zip is handed back unchanged (the reader then refuses it)', () => {
    const junk = Buffer.from('PK\u0003\u0004 not really a zip')
    assert.equal(streamingOrder(junk), junk)
  })
})
