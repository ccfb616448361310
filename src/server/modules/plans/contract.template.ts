/**
 * Contract templates (modelos de contrato): plain text written by the provider with `{{ key }}`
 * placeholders, checked when saved and filled in when a contract is added to a client's plan.
 * Pure functions: no I/O.
 */
import { type DocumentType, formatCep, formatCnpj, formatCpf } from '#shared/documents.ts'
import { formatCount, formatDate, formatMoneyCents } from '#shared/format.ts'

export type ContractPlaceholder = { key: string; label: string; example: string }

/** Every field a template may use, in the order the editor lists them. */
export const CONTRACT_PLACEHOLDERS: readonly ContractPlaceholder[] = [
  { key: 'fornecedor.nome', label: 'Nome do fornecedor', example: 'Conecta Telecom Ltda' },
  { key: 'cliente.nome', label: 'Razão social ou nome do cliente', example: 'Padaria Pão Quente Ltda' },
  { key: 'cliente.nome_fantasia', label: 'Nome fantasia do cliente', example: 'Pão Quente' },
  { key: 'cliente.documento', label: 'CNPJ ou CPF do cliente', example: '11.222.333/0001-81' },
  { key: 'cliente.inscricao_estadual', label: 'Inscrição estadual do cliente', example: '081.234.56-7' },
  {
    key: 'cliente.endereco',
    label: 'Endereço do cliente',
    example: 'Rua das Palmeiras, 120, loja 2, Centro, Vitória/ES, CEP 29010-120',
  },
  { key: 'plano.nome', label: 'Nome do plano', example: 'Empresarial 500 Mega' },
  { key: 'plano.valor', label: 'Valor do plano', example: 'R$ 199,90' },
  { key: 'plano.ciclo', label: 'Ciclo de cobrança do plano', example: 'mensal' },
  {
    key: 'plano.servicos',
    label: 'Serviços do plano',
    example: 'Internet 500 Mega, IP fixo e Telefone fixo',
  },
  {
    key: 'instalacao.endereco',
    label: 'Endereço de instalação',
    example: 'Rua das Palmeiras, 120, loja 2, Centro, Vitória/ES, CEP 29010-120',
  },
  { key: 'contrato.numero', label: 'Número do contrato', example: '2026/000123' },
  { key: 'contrato.data_venda', label: 'Data da venda', example: '30/11/2026' },
  { key: 'contrato.taxa_instalacao', label: 'Taxa de instalação', example: 'R$ 300,00' },
  { key: 'contrato.parcelas', label: 'Parcelas da taxa de instalação', example: '3' },
  {
    key: 'contrato.parcelas_por_extenso',
    label: 'Parcelas da taxa, com a palavra no número certo',
    example: '3 parcelas',
  },
  { key: 'contrato.valor_parcela', label: 'Valor de cada parcela', example: 'R$ 100,00' },
  { key: 'contrato.validade_meses', label: 'Vigência em meses', example: '12' },
  { key: 'contrato.vigencia_fim', label: 'Fim da vigência', example: '30/11/2027' },
  { key: 'cobranca.forma_pagamento', label: 'Forma de pagamento', example: 'Boleto bancário' },
  { key: 'cobranca.vencimento_dia', label: 'Dia do vencimento', example: '10' },
  { key: 'data.hoje', label: 'Data de hoje', example: '30/11/2026' },
  { key: 'data.hoje_extenso', label: 'Data de hoje por extenso', example: '30 de novembro de 2026' },
]

const KNOWN_KEYS: ReadonlySet<string> = new Set(CONTRACT_PLACEHOLDERS.map((p) => p.key))

/** `{{ key }}` with optional spaces; the key is anything without braces (checked against the list). */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g

export type TemplateCheck = { ok: true } | { ok: false; unknown: string[]; message: string }

/**
 * Refuses placeholders that are not in CONTRACT_PLACEHOLDERS (keys are case-sensitive) and braces
 * left without a pair once the placeholders are taken out (`{{cliente.nome}`, `{cliente.nome}`).
 */
export function checkTemplate(body: string): TemplateCheck {
  const unknown: string[] = []
  for (const match of body.matchAll(PLACEHOLDER)) {
    const key = match[1]
    if (!KNOWN_KEYS.has(key) && !unknown.includes(key)) unknown.push(key)
  }
  const messages: string[] = []
  if (unknown.length > 0) {
    const list = unknown.map((k) => `{{${k}}}`).join(', ')
    messages.push(`Campos desconhecidos no modelo: ${list}. Use um dos campos da lista.`)
  }
  const stray = strayBraces(body.replace(PLACEHOLDER, (m) => ' '.repeat(m.length)))
  if (stray.length > 0) {
    const list = stray.map((s) => `"${s}"`).join(', ')
    messages.push(`Chaves sem par no modelo perto de ${list}. Escreva os campos assim: {{cliente.nome}}.`)
  }
  return messages.length === 0 ? { ok: true } : { ok: false, unknown, message: messages.join(' ') }
}

/** Up to three snippets around braces that are not part of a placeholder. */
function strayBraces(text: string): string[] {
  const out: string[] = []
  for (const match of text.matchAll(/[{}]+/g)) {
    const start = match.index ?? 0
    const snippet = text
      .slice(Math.max(0, start - 15), start + match[0].length + 15)
      .replace(/\s+/g, ' ')
      .trim()
    if (!out.includes(snippet)) out.push(snippet)
    if (out.length === 3) break
  }
  return out
}

/** Values by placeholder key; '' (or a missing key) means "not known" and renders as '—'. */
export type ContractData = Record<string, string>

export type BillingCycle = 'mensal' | 'trimestral' | 'semestral' | 'anual'
export type PaymentMethod = 'boleto' | 'cartao_credito' | 'debito_conta' | 'debito_telefone'

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  boleto: 'Boleto bancário',
  cartao_credito: 'Cartão de crédito',
  debito_conta: 'Débito em conta corrente',
  debito_telefone: 'Débito em conta telefônica',
}

export type ContractAddress = {
  street: string
  number: string
  complement?: string | null
  district: string
  city: string
  uf: string
  /** Digits, with or without the dash. */
  cep: string
}

export type ContractInput = {
  tenantName: string
  client: {
    /** Razão social (CNPJ) or full name (CPF). */
    name: string
    tradeName?: string | null
    documentType: DocumentType
    /** Normalised: digits (CPF, CNPJ) or digits and uppercase letters (alphanumeric CNPJ). */
    document: string
    stateRegistration?: string | null
    /** The billing (or main) address. */
    address?: ContractAddress | null
  }
  plan: {
    name: string
    priceCents: number
    billingCycle: BillingCycle
    /** pt-BR labels of the plan's services. */
    services: string[]
  }
  /** Where the service is installed; without one, the client's address. */
  installationAddress?: ContractAddress | null
  contract: {
    number: string
    /** 'YYYY-MM-DD'. */
    saleDate: string
    installationFeeCents: number
    installments: number
    validityMonths: number
  }
  billing: { paymentMethod: PaymentMethod; dueDay: number }
  /** 'YYYY-MM-DD' (the caller's "today", in São Paulo). */
  today: string
}

const listFormatter = new Intl.ListFormat('pt-BR', { style: 'long', type: 'conjunction' })

/** The value of every placeholder for one contract (all keys present; '' where unknown). */
export function buildContractData(input: ContractInput): ContractData {
  const { client, plan, contract, billing } = input
  const installments = Math.max(1, Math.trunc(contract.installments) || 1)
  const installationAddress = input.installationAddress ?? client.address
  const data: Record<string, string> = {
    'fornecedor.nome': input.tenantName,
    'cliente.nome': client.name,
    'cliente.nome_fantasia': client.tradeName ?? '',
    'cliente.documento':
      client.documentType === 'cnpj' ? formatCnpj(client.document) : formatCpf(client.document),
    'cliente.inscricao_estadual': client.stateRegistration ?? '',
    'cliente.endereco': client.address ? formatAddress(client.address) : '',
    'plano.nome': plan.name,
    'plano.valor': formatMoneyCents(plan.priceCents),
    'plano.ciclo': plan.billingCycle,
    'plano.servicos': listFormatter.format(plan.services.map((s) => s.trim()).filter(Boolean)),
    'instalacao.endereco': installationAddress ? formatAddress(installationAddress) : '',
    'contrato.numero': contract.number,
    'contrato.data_venda': formatDate(contract.saleDate),
    'contrato.taxa_instalacao': formatMoneyCents(contract.installationFeeCents),
    'contrato.parcelas': String(installments),
    'contrato.parcelas_por_extenso': formatCount(installments, 'parcela', 'parcelas'),
    // Each instalment rounded to the cent: R$ 100,00 in 3 → R$ 33,33 (the sum may differ by cents).
    'contrato.valor_parcela': formatMoneyCents(Math.round(contract.installationFeeCents / installments)),
    'contrato.validade_meses': String(contract.validityMonths),
    'contrato.vigencia_fim': formatDate(contractEndDate(contract.saleDate, contract.validityMonths)),
    'cobranca.forma_pagamento': PAYMENT_METHOD_LABELS[billing.paymentMethod] ?? '',
    'cobranca.vencimento_dia': String(billing.dueDay),
    'data.hoje': formatDate(input.today),
    'data.hoje_extenso': formatDateLong(input.today),
  }
  return data
}

/** 'Rua das Palmeiras, 120, loja 2, Centro, Vitória/ES, CEP 29010-120' (empty parts left out). */
export function formatAddress(a: ContractAddress): string {
  const cityUf = [a.city?.trim(), a.uf?.trim().toUpperCase()].filter(Boolean).join('/')
  const cep = a.cep?.trim() ? `CEP ${formatCep(a.cep)}` : ''
  return [a.street, a.number, a.complement, a.district, cityUf, cep]
    .map((part) => (part ?? '').trim())
    .filter(Boolean)
    .join(', ')
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * End of the contract's validity as 'YYYY-MM-DD': the sale date plus `months` calendar months,
 * clamped to the last day of the target month (2026-11-30 + 3 → 2027-02-28; 2027-08-31 + 6 →
 * 2028-02-29). '' for an invalid date.
 */
export function contractEndDate(saleDate: string, months: number): string {
  const m = ISO_DATE.exec(saleDate)
  if (!m || !Number.isInteger(months)) return ''
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(Number(m[3]), lastDay)
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

const MONTHS = [
  'janeiro',
  'fevereiro',
  'março',
  'abril',
  'maio',
  'junho',
  'julho',
  'agosto',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
]

/** '2026-11-30' → '30 de novembro de 2026'; the first day is '1º de dezembro de 2026'. '' if invalid. */
export function formatDateLong(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate)
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined
  if (!m || !month) return ''
  const day = Number(m[3])
  return `${day === 1 ? '1º' : day} de ${month} de ${Number(m[1])}`
}

/**
 * Replaces each `{{ key }}` with its value; a missing or blank value (or an unknown key) renders
 * as '—'. Values are inserted as they are: never re-read as placeholders.
 */
export function renderTemplate(body: string, data: ContractData): string {
  return body.replace(PLACEHOLDER, (_match, key: string) => {
    const value = Object.hasOwn(data, key) ? data[key] : undefined
    return value?.trim() ? value : '—'
  })
}

export const DEFAULT_CONTRACT_TITLE = 'Contrato de Prestação de Serviços'

/** The first template of every provider: short, editable, using the placeholders above. */
export const DEFAULT_CONTRACT_TEMPLATE = `CLÁUSULA PRIMEIRA – DAS PARTES
CONTRATADA: {{fornecedor.nome}}.
CONTRATANTE: {{cliente.nome}} (nome fantasia: {{cliente.nome_fantasia}}), inscrito(a) no CNPJ/CPF sob o nº {{cliente.documento}}, inscrição estadual {{cliente.inscricao_estadual}}, com endereço em {{cliente.endereco}}.

CLÁUSULA SEGUNDA – DO OBJETO
O presente contrato tem por objeto a prestação, pela CONTRATADA ao CONTRATANTE, dos serviços do plano {{plano.nome}}, que compreende: {{plano.servicos}}, no endereço de instalação {{instalacao.endereco}}.

CLÁUSULA TERCEIRA – DO PREÇO E DA FORMA DE PAGAMENTO
Pelos serviços, o CONTRATANTE pagará à CONTRATADA o valor de {{plano.valor}}, com cobrança {{plano.ciclo}} e vencimento todo dia {{cobranca.vencimento_dia}}. Forma de pagamento: {{cobranca.forma_pagamento}}.
Parágrafo único. O atraso no pagamento sujeita o CONTRATANTE a multa de 2% (dois por cento) e juros de 1% (um por cento) ao mês sobre o valor devido, podendo a CONTRATADA suspender os serviços após notificação prévia.

CLÁUSULA QUARTA – DA INSTALAÇÃO
A instalação será cobrada pela taxa de {{contrato.taxa_instalacao}}, paga em {{contrato.parcelas_por_extenso}} de {{contrato.valor_parcela}}, juntamente com as primeiras faturas do plano. O CONTRATANTE garantirá o acesso dos técnicos da CONTRATADA ao local de instalação em horário comercial.

CLÁUSULA QUINTA – DA VIGÊNCIA
Este contrato vigora por {{contrato.validade_meses}} meses a contar de {{contrato.data_venda}}, data da venda, até {{contrato.vigencia_fim}}, renovando-se automaticamente por prazo indeterminado se nenhuma das partes manifestar o contrário com 30 (trinta) dias de antecedência.

CLÁUSULA SEXTA – DAS OBRIGAÇÕES
A CONTRATADA prestará os serviços com qualidade e continuidade, atendendo às solicitações de suporte do CONTRATANTE. O CONTRATANTE utilizará os serviços de acordo com a legislação vigente e zelará pelos equipamentos cedidos em comodato, devolvendo-os ao fim do contrato.

CLÁUSULA SÉTIMA – DA RESCISÃO
Qualquer das partes poderá rescindir este contrato mediante aviso por escrito com 30 (trinta) dias de antecedência. A rescisão pelo CONTRATANTE antes do fim da vigência, sem justa causa, sujeita-o ao pagamento das parcelas restantes da taxa de instalação.

CLÁUSULA OITAVA – DO FORO
Fica eleito o foro da comarca do domicílio do CONTRATANTE para dirimir quaisquer dúvidas oriundas deste contrato.

E, por estarem de acordo, as partes assinam o presente contrato, em {{data.hoje_extenso}}.`
