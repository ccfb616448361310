import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { after, describe, test } from 'node:test'
import { createLocalStorage, StorageNotFoundError } from './storage.ts'
import { EICAR_SIGNATURE, eicarScanner, noopScanner } from './virus-scan.ts'

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(Buffer.from(c))
  return Buffer.concat(chunks).toString()
}

describe('local storage', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cadastra-storage-'))
  const storage = createLocalStorage(root)
  after(() => rmSync(root, { recursive: true, force: true }))

  test('put, get, exists and delete; buffers and streams; no temp files left behind', async () => {
    await storage.put('t1/d1/v1', Buffer.from('conteúdo'))
    await storage.put('t1/d1/v2', Readable.from([Buffer.from('em '), Buffer.from('partes')]))
    assert.equal(await text(await storage.get('t1/d1/v1')), 'conteúdo')
    assert.equal(readFileSync(path.join(root, 't1', 'd1', 'v2'), 'utf8'), 'em partes')
    assert.equal(await storage.exists('t1/d1/v1'), true)
    assert.deepEqual(readdirSync(path.join(root, 't1', 'd1')).sort(), ['v1', 'v2'])
    await storage.delete('t1/d1/v1')
    await storage.delete('t1/d1/v1')
    assert.equal(await storage.exists('t1/d1/v1'), false)
    await assert.rejects(storage.get('t1/d1/v1'), StorageNotFoundError)
  })

  test('a failed stream leaves neither the file nor a temp file', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('conexão caiu'))
      },
    })
    await assert.rejects(storage.put('t1/d2/v1', failing), /conexão caiu/)
    assert.equal(await storage.exists('t1/d2/v1'), false)
    assert.deepEqual(readdirSync(path.join(root, 't1', 'd2')), [])
  })

  test('keys are ids, never paths from user input', async () => {
    for (const key of ['../fora', '/etc/passwd', 't1/../../x', 'T1/Nome.pdf', 'a//b', '']) {
      await assert.rejects(storage.put(key, Buffer.from('x')), /Chave de armazenamento inválida/, key)
    }
  })
})

describe('virus scan hook', () => {
  test('the default scanner accepts; the EICAR scanner flags the test string anywhere', async () => {
    assert.deepEqual(await noopScanner.scan(Buffer.from(EICAR_SIGNATURE)), { clean: true })
    assert.deepEqual(await eicarScanner.scan(Buffer.from('um texto qualquer')), { clean: true })
    assert.deepEqual(await eicarScanner.scan(Buffer.from(`prefixo ${EICAR_SIGNATURE} sufixo`)), {
      clean: false,
      infected: true,
      name: 'EICAR-Test-File',
    })
  })
})
