import { type Cell, cellText } from '../../platform/spreadsheet/read.ts'
import type { ImportKind, ImportMappingEntry } from './imports.tables.ts'

/**
 * The columns an import understands, per kind: the field key, the pt-BR label shown in the mapping
 * step and the template, the header spellings recognised (pt-BR and English, compared without
 * accents, case or punctuation), and how a number typed into the cell is read back as text
 * (spreadsheets drop the leading zeros of CPFs, CEPs and CNPJs).
 */
export type ImportField = {
  key: string
  label: string
  required?: boolean
  synonyms: string[]
  /** Digits to left-pad a numeric cell to (CPF 11, CEP 8, CNPJ 14). */
  padDigits?: number
  /** Shown under the column in the template's instructions sheet. */
  hint: string
  example: string
  /** A tenant-defined extra field (Configurações): the value goes to extraFields[extraKey]. */
  extraKey?: string
  /** A date: a date cell, an Excel serial number or dd/mm/aaaa text, kept as dd/mm/aaaa. */
  isDate?: boolean
}

export type ExtraFieldDefinition = { key: string; label: string; required: boolean }

/** Extra fields whose name speaks of a date ("Data de fundação", "Nascimento") take date cells. */
const DATE_LABEL = /\b(data|date|nascimento|fundacao|vencimento|validade)\b/

function extraFields(defs: ExtraFieldDefinition[]): ImportField[] {
  return defs.map((d) => ({
    key: `extra:${d.key}`,
    label: d.label,
    required: d.required,
    synonyms: [d.label, d.key],
    hint: `Campo extra do cliente (Configurações)${d.required ? ', obrigatório' : ''}.`,
    example: '',
    extraKey: d.key,
    isDate: DATE_LABEL.test(headerKey(d.label)),
  }))
}

export const CLIENT_USER_FIELDS: ImportField[] = [
  {
    key: 'name',
    label: 'Nome',
    required: true,
    synonyms: ['nome', 'nome completo', 'name', 'full name', 'usuario', 'nome do usuario'],
    hint: 'Nome completo (obrigatório).',
    example: 'Maria da Conceição Araújo',
  },
  {
    key: 'email',
    label: 'E-mail',
    required: true,
    synonyms: ['email', 'e-mail', 'e mail', 'mail', 'endereco de email', 'email address', 'login'],
    hint: 'E-mail de acesso ao portal (obrigatório): o convite vai para ele.',
    example: 'maria.araujo@exemplo.com.br',
  },
  {
    key: 'cpf',
    label: 'CPF',
    synonyms: ['cpf', 'cpf do usuario', 'documento', 'tax id'],
    padDigits: 11,
    hint: 'Opcional. Com ou sem pontuação; números sem os zeros à esquerda também servem.',
    example: '529.982.247-25',
  },
  {
    key: 'phone',
    label: 'Telefone',
    synonyms: ['telefone', 'celular', 'fone', 'phone', 'mobile', 'telefone celular', 'whatsapp'],
    hint: 'Opcional. DDD + número, ex.: (27) 99999-9999.',
    example: '(27) 99999-0001',
  },
  {
    key: 'departments',
    label: 'Departamentos',
    synonyms: ['departamentos', 'departamento', 'departments', 'department', 'setor', 'setores'],
    hint: 'Opcional. Separe por ";". Nível de acesso depois de ":" (Revisor, Contribuinte ou Proprietário); sem nível, vale a coluna Nível de acesso ou Revisor.',
    example: 'Pessoal: Proprietário; Fiscal',
  },
  {
    key: 'level',
    label: 'Nível de acesso',
    synonyms: ['nivel de acesso', 'nivel', 'acesso', 'access level', 'level', 'perfil'],
    hint: 'Opcional. Revisor, Contribuinte ou Proprietário, para os departamentos sem nível.',
    example: 'Revisor',
  },
  {
    key: 'companies',
    label: 'Empresas (CNPJ/CPF)',
    synonyms: [
      'empresa',
      'empresas',
      'cnpj da empresa',
      'cnpj empresa',
      'cnpj',
      'cliente',
      'clientes',
      'company',
      'companies',
      'company cnpj',
    ],
    hint: 'Opcional. CNPJ ou CPF das empresas já cadastradas, separados por ";".',
    example: '11.222.333/0001-81',
  },
  {
    key: 'permissions',
    label: 'Permissões',
    synonyms: ['permissoes', 'permissao', 'permissions', 'permission', 'permissoes no portal'],
    hint: 'Opcional. Separe por ";": Envia documentos ao escritório; Solicita todos os documentos do departamento pessoal; Solicita serviços; Inscreve-se em eventos e treinamentos.',
    example: 'Envia documentos ao escritório; Inscreve-se em eventos e treinamentos',
  },
]

export const CLIENT_ORG_FIELDS: ImportField[] = [
  {
    key: 'document',
    label: 'CNPJ/CPF',
    required: true,
    synonyms: ['cnpj', 'cpf', 'cnpj cpf', 'cpf cnpj', 'documento', 'cnpj ou cpf', 'tax id', 'document'],
    padDigits: 14,
    hint: 'Obrigatório. CNPJ (14 caracteres, também o alfanumérico) ou CPF (11 dígitos).',
    example: '11.222.333/0001-81',
  },
  {
    key: 'name',
    label: 'Razão social',
    required: true,
    synonyms: ['razao social', 'nome', 'nome empresarial', 'company name', 'legal name', 'name'],
    hint: 'Obrigatório. Razão social (CNPJ) ou nome da pessoa (CPF).',
    example: 'Padaria Pão de Açúcar Ltda',
  },
  {
    key: 'tradeName',
    label: 'Nome fantasia',
    synonyms: ['nome fantasia', 'fantasia', 'trade name', 'trading name'],
    hint: 'Opcional.',
    example: 'Pão de Açúcar',
  },
  {
    key: 'stateRegistration',
    label: 'Inscrição Estadual',
    synonyms: ['ie', 'inscricao estadual', 'insc estadual', 'state registration'],
    hint: 'Opcional. Só números (com ou sem pontuação) ou ISENTO.',
    example: 'ISENTO',
  },
  {
    key: 'email',
    label: 'E-mail',
    synonyms: ['email', 'e-mail', 'e mail', 'emails', 'e-mails', 'email address'],
    hint: 'Opcional. Vários separados por ";".',
    example: 'contato@paodeacucar.com.br',
  },
  {
    key: 'phone',
    label: 'Telefone',
    synonyms: ['telefone', 'telefones', 'fone', 'celular', 'phone', 'phones'],
    hint: 'Opcional. Vários separados por ";".',
    example: '(27) 3333-4444',
  },
  {
    key: 'cep',
    label: 'CEP',
    synonyms: ['cep', 'zip', 'zip code', 'postal code', 'codigo postal'],
    padDigits: 8,
    hint: 'Com o endereço: CEP, logradouro, número, bairro, município e UF juntos.',
    example: '29000-000',
  },
  {
    key: 'street',
    label: 'Logradouro',
    synonyms: ['logradouro', 'endereco', 'rua', 'street', 'address'],
    hint: 'Rua, avenida…',
    example: 'Rua Sete de Setembro',
  },
  {
    key: 'number',
    label: 'Número',
    synonyms: ['numero', 'n', 'no', 'nro', 'number', 'num'],
    hint: 'Número ou S/N.',
    example: '120',
  },
  {
    key: 'complement',
    label: 'Complemento',
    synonyms: ['complemento', 'compl', 'complement'],
    hint: 'Opcional.',
    example: 'Sala 3',
  },
  {
    key: 'district',
    label: 'Bairro',
    synonyms: ['bairro', 'district', 'neighborhood', 'neighbourhood'],
    hint: '',
    example: 'Centro',
  },
  {
    key: 'city',
    label: 'Município',
    synonyms: ['municipio', 'cidade', 'city', 'town'],
    hint: '',
    example: 'Vitória',
  },
  {
    key: 'uf',
    label: 'UF',
    synonyms: ['uf', 'estado', 'state'],
    hint: 'Sigla do estado.',
    example: 'ES',
  },
  {
    key: 'notes',
    label: 'Observações',
    synonyms: ['observacoes', 'observacao', 'obs', 'notas', 'notes', 'comments'],
    hint: 'Opcional.',
    example: '',
  },
]

/** The fields of a kind; client organisations also take the tenant's extra fields. */
export function fieldsOf(kind: ImportKind, extras: ExtraFieldDefinition[] = []): ImportField[] {
  return kind === 'client_users' ? CLIENT_USER_FIELDS : [...CLIENT_ORG_FIELDS, ...extraFields(extras)]
}

/** "Razão Social:" → "razao social" (no accents, case or punctuation). */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[º°]/g, 'o')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * Guesses the field of each column from its header: an exact synonym first, then a header that
 * starts with a synonym ("CPF do responsável"); each field is used once, by the first column.
 */
export function guessMapping(
  kind: ImportKind,
  headers: string[],
  extras: ExtraFieldDefinition[] = [],
): ImportMappingEntry[] {
  const fields = fieldsOf(kind, extras)
  const used = new Set<string>()
  const keys = headers.map(headerKey)
  const field: (string | null)[] = headers.map(() => null)
  const pass = (match: (key: string, synonym: string) => boolean) => {
    keys.forEach((key, i) => {
      if (field[i] || !key) return
      const f = fields.find(
        (f) =>
          !used.has(f.key) &&
          (headerKey(f.label) === key || f.synonyms.some((s) => match(key, headerKey(s)))),
      )
      if (f) {
        field[i] = f.key
        used.add(f.key)
      }
    })
  }
  pass((key, s) => key === s)
  pass((key, s) => s.length >= 3 && (key.startsWith(`${s} `) || key.endsWith(` ${s}`)))
  return headers.map((header, column) => ({ column, header, field: field[column] }))
}

/** Rows looked at, from the top, for the header (a title or a note may come before it). */
export const HEADER_LOOKAHEAD = 10

/**
 * The header row among the first rows of a sheet: the one whose cells name the most known columns
 * (a title line like "Usuários da Padaria — março" names none). The first row when none names any.
 */
export function pickHeader(
  kind: ImportKind,
  rows: { cells: Cell[] }[],
  extras: ExtraFieldDefinition[] = [],
): number {
  let best = 0
  let bestScore = 0
  rows.slice(0, HEADER_LOOKAHEAD).forEach((row, i) => {
    const score = guessMapping(kind, row.cells.map(cellText), extras).filter((m) => m.field).length
    if (score > bestScore) {
      best = i
      bestScore = score
    }
  })
  return best
}
