import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { fieldText, toInputRow } from '#server/modules/imports/imports.cells.ts'
import {
  CLIENT_ORG_FIELDS,
  CLIENT_USER_FIELDS,
  guessMapping,
  headerKey,
  pickHeader,
} from '#server/modules/imports/imports.fields.ts'
import { decodeCsv, detectDelimiter, parseCsv } from '#server/platform/spreadsheet/csv.ts'
import { cellDate, cellText, numberText } from '#server/platform/spreadsheet/read.ts'
import { neutralise, writeCsv } from '#server/platform/spreadsheet/write.ts'

describe('planilhas: leitura de CSV', () => {
  test('UTF-8 with or without BOM, and Windows-1252 when the bytes are not UTF-8', () => {
    assert.deepEqual(decodeCsv(Buffer.from('\uFEFFNome;Ação', 'utf8')), {
      text: 'Nome;Ação',
      encoding: 'utf-8',
    })
    assert.deepEqual(decodeCsv(Buffer.from('Nome;Ação', 'utf8')), { text: 'Nome;Ação', encoding: 'utf-8' })
    assert.deepEqual(decodeCsv(Buffer.from('Nome;Ação', 'latin1')), {
      text: 'Nome;Ação',
      encoding: 'windows-1252',
    })
  })

  test('the separator of the header line, ignoring quoted ones', () => {
    assert.equal(detectDelimiter('Nome;E-mail;CPF\n1,2,3'), ';')
    assert.equal(detectDelimiter('Nome,E-mail,"Empresa; Filial"\n'), ',')
    assert.equal(detectDelimiter('Nome\tE-mail\n'), '\t')
  })

  test('quoted fields keep separators, quotes and line breaks; row numbers are those Excel shows', () => {
    const rows = [...parseCsv('a;"b;1";"diz ""oi"""\r\n"linha\nquebrada";x\n\nfim', ';')]
    assert.deepEqual(rows, [
      { rowNumber: 1, cells: ['a', 'b;1', 'diz "oi"'] },
      { rowNumber: 2, cells: ['linha\nquebrada', 'x'] },
      { rowNumber: 3, cells: [''] },
      { rowNumber: 4, cells: ['fim'] },
    ])
  })
})

describe('planilhas: células', () => {
  test('numbers without exponent or grouping, decimals with a comma; dates as dd/mm/aaaa', () => {
    assert.equal(numberText(12345678909), '12345678909')
    assert.equal(numberText(11222333000181), '11222333000181')
    assert.equal(numberText(1234.5), '1234,5')
    assert.equal(cellText(new Date(Date.UTC(2026, 10, 22))), '22/11/2026')
    assert.equal(cellText(new Date(Date.UTC(2026, 10, 22, 14, 30))), '22/11/2026 14:30')
    assert.equal(cellText(true), 'VERDADEIRO')
  })

  test('dates from a Date, an Excel serial or dd/mm/aaaa; impossible dates refused', () => {
    assert.equal(cellDate(new Date(Date.UTC(1998, 6, 24))), '1998-07-24')
    assert.equal(cellDate(36000), '1998-07-24')
    assert.equal(cellDate('05/11/2001'), '2001-11-05')
    assert.equal(cellDate('31/02/2001'), null)
    assert.equal(cellDate('2001-11-05'), null)
  })

  test('CPF, CEP and CNPJ typed as numbers get their leading zeros back', () => {
    const columns = new Map(
      [...CLIENT_USER_FIELDS, ...CLIENT_ORG_FIELDS.filter((f) => f.key === 'cep')].map((field, column) => [
        field.key,
        { field, column, header: field.label },
      ]),
    )
    const cpfCol = columns.get('cpf')!.column
    const cepCol = columns.get('cep')!.column
    const cells: (number | string | null)[] = []
    cells[cpfCol] = 1234567890
    cells[cepCol] = 1310100
    const row = toInputRow({ rowNumber: 2, cells }, cells.length)
    assert.equal(fieldText(row, columns, 'cpf'), '01234567890')
    assert.equal(fieldText(row, columns, 'cep'), '01310100')
    const docs = new Map([['document', { field: CLIENT_ORG_FIELDS[0], column: 0, header: 'CNPJ' }]])
    assert.equal(
      fieldText(toInputRow({ rowNumber: 2, cells: [1234567000195] }, 1), docs, 'document'),
      '01234567000195',
    )
    assert.equal(
      fieldText(toInputRow({ rowNumber: 2, cells: [52998224725] }, 1), docs, 'document'),
      '52998224725',
    )
    // Text digits a CSV export left short are padded too, but never from nothing.
    assert.equal(
      fieldText(toInputRow({ rowNumber: 2, cells: ['1234567000195'] }, 1), docs, 'document'),
      '01234567000195',
    )
    assert.equal(fieldText(toInputRow({ rowNumber: 2, cells: ['123'] }, 1), docs, 'document'), '123')
  })
})

describe('importação: mapeamento das colunas', () => {
  test('headers in pt-BR or English, with accents, case and punctuation ignored', () => {
    assert.equal(headerKey('  Razão Social: '), 'razao social')
    assert.equal(headerKey('Nº'), 'no')
    const users = guessMapping('client_users', [
      'E-MAIL',
      'Full name',
      'Phone',
      'Empresa',
      'Obs',
      'CPF do usuário',
    ])
    assert.deepEqual(
      users.map((m) => m.field),
      ['email', 'name', 'phone', 'companies', null, 'cpf'],
    )
    const orgs = guessMapping(
      'client_orgs',
      [
        'CNPJ',
        'Razão social',
        'Nome fantasia',
        'IE',
        'CEP',
        'Rua',
        'Nº',
        'Bairro',
        'Cidade',
        'Estado',
        'Data de fundação',
      ],
      [{ key: 'data-de-fundacao', label: 'Data de fundação', required: true }],
    )
    assert.deepEqual(
      orgs.map((m) => m.field),
      [
        'document',
        'name',
        'tradeName',
        'stateRegistration',
        'cep',
        'street',
        'number',
        'district',
        'city',
        'uf',
        'extra:data-de-fundacao',
      ],
    )
  })

  test('a field goes to the first column that names it', () => {
    const m = guessMapping('client_users', ['Nome', 'Nome', 'Email'])
    assert.deepEqual(
      m.map((x) => x.field),
      ['name', null, 'email'],
    )
  })

  test('the header is the first row naming the most columns: a title or a note above it is skipped', () => {
    const rows = (...lines: (string | number | null)[][]) => lines.map((cells) => ({ cells }))
    assert.equal(
      pickHeader(
        'client_users',
        rows(
          ['Usuários da Padaria — março de 2026'],
          ['Gerado em 02/03/2026'],
          ['Nome', 'E-mail', 'CPF'],
          ['Ana', 'ana@x.com.br', 1],
        ),
      ),
      2,
    )
    // A data row that happens to hold a column's name does not beat the real header.
    assert.equal(pickHeader('client_users', rows(['Nome', 'E-mail'], ['Nome', 'nome@x.com.br'])), 0)
    // No row names a known column: the first one is the header (the mapping step lets the user choose).
    assert.equal(pickHeader('client_users', rows(['Coluna A', 'Coluna B'], ['x', 'y'])), 0)
    assert.equal(pickHeader('client_orgs', rows([null, 'Clientes'], ['CNPJ', 'Razão social', 'Cidade'])), 1)
  })
})

describe('exportação: fórmulas neutralizadas', () => {
  test('= + - @ tab and CR get an apostrophe; other text is kept', () => {
    for (const v of ['=1+1', '+55 27', '-2', '@SOMA(1;2)', '\t=x', '\r=x'])
      assert.equal(neutralise(v), `'${v}`)
    assert.equal(neutralise('Ana'), 'Ana')
    const csv = writeCsv(
      [{ header: 'Nome', value: (r: { n: string }) => r.n }],
      [{ n: '=HYPERLINK("x";"y")' }],
    )
    assert.equal(csv.toString('utf8'), '\uFEFFNome\r\n"\'=HYPERLINK(""x"";""y"")"\r\n')
  })
})
