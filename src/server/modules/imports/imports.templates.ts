import ExcelJS from 'exceljs'
import { neutralise } from '../../platform/spreadsheet/write.ts'
import { fieldsOf } from './imports.fields.ts'
import type { ImportKind } from './imports.tables.ts'

export const TEMPLATE_NAMES: Record<ImportKind, string> = {
  client_users: 'modelo-usuarios-de-clientes.xlsx',
  client_orgs: 'modelo-clientes.xlsx',
}

/**
 * The downloadable template of a kind: the header row with every column (required ones marked
 * in the instructions), one example row, document columns formatted as text (so Excel keeps the
 * leading zeros), and a second sheet explaining each column.
 */
export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const fields = fieldsOf(kind)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Cadastra'
  const ws = wb.addWorksheet(kind === 'client_users' ? 'Usuários' : 'Clientes', {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  ws.columns = fields.map((f) => ({
    header: f.label,
    key: f.key,
    width: Math.max(14, Math.min(40, f.example.length + 4, f.label.length + 16)),
    style: f.padDigits || f.key === 'phone' ? { numFmt: '@' } : undefined,
  }))
  ws.getRow(1).font = { bold: true }
  ws.addRow(fields.map((f) => neutralise(f.example)))
  const help = wb.addWorksheet('Instruções')
  help.columns = [
    { header: 'Coluna', width: 24 },
    { header: 'Obrigatória', width: 12 },
    { header: 'Como preencher', width: 90 },
  ]
  help.getRow(1).font = { bold: true }
  for (const f of fields) help.addRow([f.label, f.required ? 'Sim' : 'Não', f.hint])
  help.addRow([])
  help.addRow([
    'Dica',
    '',
    'Os nomes das colunas podem estar em português ou inglês e em qualquer ordem: na importação você confere o mapeamento. Linhas já cadastradas (mesmo e-mail ou CNPJ/CPF) são ignoradas.',
  ])
  return Buffer.from(await wb.xlsx.writeBuffer())
}
