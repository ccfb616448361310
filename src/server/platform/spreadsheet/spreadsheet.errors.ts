import { defineErrors } from '../errors.ts'

/** Why an uploaded spreadsheet is refused (pt-BR, for the person who sent it). */
export const SpreadsheetErrors = defineErrors({
  SPREADSHEET_UNSUPPORTED: [
    415,
    'Formato não suportado. Envie uma planilha .xlsx (Excel) ou .csv (separado por ponto e vírgula ou vírgula).',
  ],
  SPREADSHEET_OLD_XLS: [
    415,
    'Planilhas .xls (Excel 97–2003) não são aceitas. Abra o arquivo no Excel e salve como .xlsx.',
  ],
  SPREADSHEET_ENCRYPTED: [
    422,
    'A planilha está protegida por senha. Remova a senha (no Excel: Arquivo → Informações → Proteger pasta de trabalho) e envie de novo.',
  ],
  SPREADSHEET_MALFORMED: [
    422,
    'Não foi possível ler a planilha: o arquivo está danificado ou não é um .xlsx de verdade. Abra-o no Excel e salve de novo como .xlsx.',
  ],
  SPREADSHEET_ZIP_BOMB: [
    422,
    'A planilha foi recusada: descompactada, ela ficaria grande demais para um arquivo deste tamanho. Envie uma planilha comum, sem dados ocultos.',
  ],
  SPREADSHEET_EMPTY: [422, 'A planilha está vazia: a primeira linha deve ter os nomes das colunas.'],
  SPREADSHEET_TOO_MANY_ROWS: [413, 'A planilha tem linhas demais.'],
  SPREADSHEET_TOO_LARGE: [413, 'O arquivo é grande demais.'],
})
