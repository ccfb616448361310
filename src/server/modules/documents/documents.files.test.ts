import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { documentCapabilities, folderCapabilities } from './documents.access.ts'
import { detectFileType, FILE_TYPES, sanitiseFilename, withExtension } from './documents.files.ts'

describe('document files: type by content and safe names', () => {
  test('signatures decide the type, not the name', () => {
    const pdf = detectFileType(Buffer.from('%PDF-1.7\n'), 'foto.jpg')
    assert.equal(pdf.ok && pdf.type.kind, 'pdf')
    const jpeg = detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), 'a.pdf')
    assert.equal(jpeg.ok && jpeg.type.kind, 'jpeg')
    assert.deepEqual(detectFileType(Buffer.alloc(0), 'a.pdf'), { ok: false, reason: 'empty' })
    assert.deepEqual(detectFileType(Buffer.from('MZ\x90\x00'), 'a.pdf'), { ok: false, reason: 'unknown' })
    // Old binary Office files (CFB, also what password-protected .docx become) are not accepted.
    const cfb = Buffer.from('d0cf11e0a1b11ae1000000', 'hex')
    assert.deepEqual(detectFileType(cfb, 'antigo.doc'), { ok: false, reason: 'unknown' })
  })

  test('text only as .csv or .txt, without control bytes; the charset is detected', () => {
    const utf8 = detectFileType(Buffer.from('nome;cidade\nJoão;Vitória\n'), 'lista.csv')
    assert.deepEqual(utf8, { ok: true, type: FILE_TYPES.csv, charset: 'utf-8' })
    const latin1 = detectFileType(Buffer.from('Jo\xe3o\r\n', 'latin1'), 'lista.txt')
    assert.deepEqual(latin1, { ok: true, type: FILE_TYPES.txt, charset: 'windows-1252' })
    assert.deepEqual(detectFileType(Buffer.from('<svg onload=x>'), 'imagem.svg'), {
      ok: false,
      reason: 'unknown',
    })
    assert.deepEqual(detectFileType(Buffer.from('a\u0000b'), 'a.txt'), { ok: false, reason: 'unknown' })
  })

  test('XML (NF-e) and OFX (bank statements): by extension, text, and content that looks like them', () => {
    const nfe = '\ufeff<?xml version="1.0" encoding="UTF-8"?><nfeProc versao="4.00"><NFe/></nfeProc>'
    assert.deepEqual(
      detectFileType(Buffer.from(nfe), '35260511222333000181550010000012341000012345-nfe.xml'),
      {
        ok: true,
        type: FILE_TYPES.xml,
        charset: 'utf-8',
      },
    )
    assert.deepEqual(detectFileType(Buffer.from('nota fiscal em texto'), 'nota.xml'), {
      ok: false,
      reason: 'unknown',
    })
    assert.deepEqual(detectFileType(Buffer.from('<nfe>\u0001</nfe>'), 'nota.xml'), {
      ok: false,
      reason: 'unknown',
    })
    const ofx1 = 'OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nCHARSET:1252\r\n\r\n<OFX><BANKMSGSRSV1>'
    assert.deepEqual(detectFileType(Buffer.from(ofx1, 'latin1'), 'extrato.ofx'), {
      ok: true,
      type: FILE_TYPES.ofx,
      charset: 'utf-8',
    })
    const ofx2 = '<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="220"?>\n<OFX><SIGNONMSGSRSV1/></OFX>'
    assert.equal(detectFileType(Buffer.from(ofx2), 'extrato.OFX').ok, true)
    assert.deepEqual(detectFileType(Buffer.from('Extrato de março'), 'extrato.ofx'), {
      ok: false,
      reason: 'unknown',
    })
    // The extension decides which text type; an XML named .pdf is nothing.
    assert.deepEqual(detectFileType(Buffer.from('<?xml version="1.0"?><a/>'), 'a.pdf'), {
      ok: false,
      reason: 'unknown',
    })
  })

  test('names: last path segment, no control/bidi/reserved characters, the extension of the content', () => {
    assert.equal(sanitiseFilename('../../etc/passwd', FILE_TYPES.pdf), 'passwd.pdf')
    assert.equal(sanitiseFilename('C:\\Users\\ana\\Balanço 2025.PDF', FILE_TYPES.pdf), 'Balanço 2025.PDF')
    assert.equal(sanitiseFilename('nota.exe', FILE_TYPES.pdf), 'nota.exe.pdf')
    assert.equal(sanitiseFilename('fatura\u202Efdp.exe', FILE_TYPES.pdf), 'faturafdp.exe.pdf')
    assert.equal(sanitiseFilename('  a:b*c?.pdf  ', FILE_TYPES.pdf), 'abc.pdf')
    assert.equal(sanitiseFilename('...', FILE_TYPES.pdf), 'documento.pdf')
    assert.equal(sanitiseFilename('CON.txt', FILE_TYPES.txt), '_CON.txt')
    assert.equal(sanitiseFilename(`${'x'.repeat(300)}.pdf`, FILE_TYPES.pdf).length, 124)
    assert.equal(sanitiseFilename('foto.jpeg', FILE_TYPES.jpeg), 'foto.jpeg')
    assert.equal(withExtension('Contrato.docx', FILE_TYPES.pdf), 'Contrato.pdf')
    assert.equal(withExtension('Contrato.pdf', FILE_TYPES.pdf), 'Contrato.pdf')
  })
})

describe('access levels (seed 004)', () => {
  const folder = { isSystem: false, createdByClientUserId: null }
  const me = 'c1'
  const level = (l: 'revisor' | 'contribuinte' | 'proprietario', canSendDocuments = true) =>
    ({ kind: 'client', level: l, clientUserId: me, canSendDocuments }) as const

  test('Revisor only reads', () => {
    assert.deepEqual(folderCapabilities(level('revisor'), folder), {
      upload: false,
      createFolder: false,
      rename: false,
      delete: false,
      move: false,
      share: false,
    })
    assert.deepEqual(documentCapabilities(level('revisor'), { createdByClientUserId: me }), {
      newVersion: false,
      rename: false,
      delete: false,
    })
  })

  test('Contribuinte adds, and changes only what they published', () => {
    assert.deepEqual(folderCapabilities(level('contribuinte'), folder), {
      upload: true,
      createFolder: true,
      rename: false,
      delete: false,
      move: false,
      share: false,
    })
    // Their own folder: deleted (while all in it is theirs, checked on delete), never renamed.
    assert.deepEqual(
      folderCapabilities(level('contribuinte'), { isSystem: false, createdByClientUserId: me }),
      {
        upload: true,
        createFolder: true,
        rename: false,
        delete: true,
        move: false,
        share: false,
      },
    )
    assert.deepEqual(documentCapabilities(level('contribuinte'), { createdByClientUserId: me }), {
      newVersion: true,
      rename: false,
      delete: true,
    })
    assert.deepEqual(documentCapabilities(level('contribuinte'), { createdByClientUserId: 'c2' }), {
      newVersion: false,
      rename: false,
      delete: false,
    })
  })

  test('Proprietário does everything but share; the department folder is never renamed or deleted', () => {
    assert.deepEqual(folderCapabilities(level('proprietario'), folder), {
      upload: true,
      createFolder: true,
      rename: true,
      delete: true,
      move: true,
      share: false,
    })
    assert.deepEqual(documentCapabilities(level('proprietario'), { createdByClientUserId: null }), {
      newVersion: true,
      rename: true,
      delete: true,
    })
    assert.deepEqual(folderCapabilities({ kind: 'staff' }, { isSystem: true, createdByClientUserId: null }), {
      upload: true,
      createFolder: true,
      rename: false,
      delete: false,
      move: false,
      share: false,
    })
    assert.equal(folderCapabilities({ kind: 'staff' }, folder).share, true)
  })

  test('without "Envia documentos ao escritório" nobody sends files, whatever the level', () => {
    for (const l of ['contribuinte', 'proprietario'] as const) {
      const can = folderCapabilities(level(l, false), folder)
      assert.equal(can.upload, false, l)
      assert.equal(can.createFolder, true, l)
      const doc = documentCapabilities(level(l, false), { createdByClientUserId: me })
      assert.deepEqual(doc, { newVersion: false, rename: l === 'proprietario', delete: true }, l)
    }
  })
})
