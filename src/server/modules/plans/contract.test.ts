import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { renderContractPdf } from './contract.pdf.ts'
import {
  buildContractData,
  CONTRACT_PLACEHOLDERS,
  type ContractInput,
  checkTemplate,
  contractEndDate,
  DEFAULT_CONTRACT_TEMPLATE,
  DEFAULT_CONTRACT_TITLE,
  formatDateLong,
  renderTemplate,
} from './contract.template.ts'

const input: ContractInput = {
  tenantName: 'Conecta Telecom Ltda',
  client: {
    name: 'Padaria Pão Quente Ltda',
    tradeName: 'Pão Quente',
    documentType: 'cnpj',
    document: '11222333000181',
    stateRegistration: '081.234.56-7',
    address: {
      street: 'Rua das Palmeiras',
      number: '120',
      complement: 'loja 2',
      district: 'Centro',
      city: 'Vitória',
      uf: 'es',
      cep: '29010120',
    },
  },
  plan: {
    name: 'Empresarial 500 Mega',
    priceCents: 19990,
    billingCycle: 'mensal',
    services: ['Internet 500 Mega', 'IP fixo', 'Telefone fixo'],
  },
  contract: {
    number: '2026/000123',
    saleDate: '2026-11-30',
    installationFeeCents: 100000,
    installments: 3,
    validityMonths: 3,
  },
  billing: { paymentMethod: 'boleto', dueDay: 10 },
  today: '2026-12-01',
}

describe('checkTemplate', () => {
  it('accepts the default template and every listed placeholder, with or without spaces', () => {
    assert.deepEqual(checkTemplate(DEFAULT_CONTRACT_TEMPLATE), { ok: true })
    const all = CONTRACT_PLACEHOLDERS.map((p, i) => (i % 2 ? `{{${p.key}}}` : `{{  ${p.key} }}`)).join('\n')
    assert.deepEqual(checkTemplate(all), { ok: true })
    assert.deepEqual(checkTemplate('Sem campos.'), { ok: true })
  })

  it('refuses unknown placeholders, listing each once', () => {
    const result = checkTemplate(
      'CPF: {{cliente.cpf}}, {{ cliente.cpf }} e {{Cliente.Nome}} de {{cliente.nome}}.',
    )
    assert.equal(result.ok, false)
    assert.ok(!result.ok)
    assert.deepEqual(result.unknown, ['cliente.cpf', 'Cliente.Nome'])
    assert.equal(
      result.message,
      'Campos desconhecidos no modelo: {{cliente.cpf}}, {{Cliente.Nome}}. Use um dos campos da lista.',
    )
  })

  it('refuses braces without a pair', () => {
    for (const body of [
      'Nome: {{cliente.nome}.',
      'Nome: {cliente.nome}}.',
      'Nome: {cliente.nome}.',
      'x }} y',
    ]) {
      const result = checkTemplate(body)
      assert.ok(!result.ok, body)
      assert.deepEqual(result.unknown, [], body)
      assert.match(
        result.message,
        /^Chaves sem par no modelo perto de ".*"\. Escreva os campos assim: \{\{cliente\.nome\}\}\.$/,
      )
    }
    const both = checkTemplate('{{plano.preco}} e {{plano.nome}')
    assert.ok(!both.ok)
    assert.deepEqual(both.unknown, ['plano.preco'])
    assert.match(both.message, /^Campos desconhecidos no modelo: \{\{plano\.preco\}\}\. .* Chaves sem par/)
  })
})

describe('buildContractData', () => {
  const data = buildContractData(input)

  it('has a value for every placeholder key', () => {
    for (const { key } of CONTRACT_PLACEHOLDERS) assert.equal(typeof data[key], 'string', key)
  })

  it('formats the parties: CNPJ (also alphanumeric) or CPF masked, address in one line', () => {
    assert.equal(data['fornecedor.nome'], 'Conecta Telecom Ltda')
    assert.equal(data['cliente.nome'], 'Padaria Pão Quente Ltda')
    assert.equal(data['cliente.nome_fantasia'], 'Pão Quente')
    assert.equal(data['cliente.documento'], '11.222.333/0001-81')
    assert.equal(data['cliente.inscricao_estadual'], '081.234.56-7')
    assert.equal(
      data['cliente.endereco'],
      'Rua das Palmeiras, 120, loja 2, Centro, Vitória/ES, CEP 29010-120',
    )
    assert.equal(
      data['instalacao.endereco'],
      data['cliente.endereco'],
      'installed at the client address by default',
    )

    const alnum = buildContractData({ ...input, client: { ...input.client, document: '12ABC34501DE35' } })
    assert.equal(alnum['cliente.documento'], '12.ABC.345/01DE-35')
    const person = buildContractData({
      ...input,
      client: { name: 'Maria da Silva', documentType: 'cpf', document: '52998224725' },
      installationAddress: {
        street: 'Av. Beira-Mar',
        number: 's/n',
        district: 'Praia do Canto',
        city: 'Vitória',
        uf: 'ES',
        cep: '29055-000',
      },
    })
    assert.equal(person['cliente.documento'], '529.982.247-25')
    assert.equal(person['cliente.nome_fantasia'], '')
    assert.equal(person['cliente.endereco'], '')
    assert.equal(
      person['instalacao.endereco'],
      'Av. Beira-Mar, s/n, Praia do Canto, Vitória/ES, CEP 29055-000',
    )
  })

  it('formats the plan, the money values and the payment', () => {
    assert.equal(data['plano.nome'], 'Empresarial 500 Mega')
    assert.equal(data['plano.valor'], 'R$ 199,90')
    assert.equal(data['plano.ciclo'], 'mensal')
    assert.equal(data['plano.servicos'], 'Internet 500 Mega, IP fixo e Telefone fixo')
    assert.equal(data['contrato.numero'], '2026/000123')
    assert.equal(data['contrato.taxa_instalacao'], 'R$ 1.000,00')
    assert.equal(data['contrato.parcelas'], '3')
    assert.equal(data['contrato.parcelas_por_extenso'], '3 parcelas')
    assert.equal(data['contrato.valor_parcela'], 'R$ 333,33', 'rounded to the cent')
    assert.equal(data['cobranca.forma_pagamento'], 'Boleto bancário')
    assert.equal(data['cobranca.vencimento_dia'], '10')
    const card = buildContractData({
      ...input,
      contract: { ...input.contract, installationFeeCents: 20000, installments: 3 },
      billing: { paymentMethod: 'cartao_credito', dueDay: 5 },
    })
    assert.equal(card['contrato.valor_parcela'], 'R$ 66,67')
    const single = buildContractData({
      ...input,
      contract: { ...input.contract, installationFeeCents: 20000, installments: 1 },
    })
    assert.equal(single['contrato.parcelas_por_extenso'], '1 parcela', 'never "parcela(s)"')
    assert.equal(card['cobranca.forma_pagamento'], 'Cartão de crédito')
  })

  it('formats the dates; the validity ends on the same day N months later, clamped to the month end', () => {
    assert.equal(data['contrato.data_venda'], '30/11/2026')
    assert.equal(data['contrato.validade_meses'], '3')
    assert.equal(data['contrato.vigencia_fim'], '28/02/2027', '30/11/2026 + 3 months, across the year')
    assert.equal(data['data.hoje'], '01/12/2026')
    assert.equal(data['data.hoje_extenso'], '1º de dezembro de 2026')

    assert.equal(contractEndDate('2026-01-15', 12), '2027-01-15')
    assert.equal(contractEndDate('2027-08-31', 6), '2028-02-29', 'leap year')
    assert.equal(contractEndDate('2026-12-31', 1), '2027-01-31')
    assert.equal(contractEndDate('2026-05-10', 0), '2026-05-10')
    assert.equal(contractEndDate('30/11/2026', 3), '')
    assert.equal(formatDateLong('2026-03-09'), '9 de março de 2026')
  })
})

describe('renderTemplate', () => {
  it('replaces placeholders, with or without spaces; missing or blank values render as —', () => {
    const out = renderTemplate(
      '{{cliente.nome}} / {{ cliente.documento }} / {{cliente.nome_fantasia}} / {{x.y}}',
      {
        'cliente.nome': 'Maria',
        'cliente.documento': '529.982.247-25',
        'cliente.nome_fantasia': '  ',
      },
    )
    assert.equal(out, 'Maria / 529.982.247-25 / — / —')
  })

  it('inserts values literally (no re-reading, no replacement patterns)', () => {
    const out = renderTemplate('A: {{cliente.nome}}; B: {{plano.nome}}', {
      'cliente.nome': 'Loja $& {{plano.nome}}',
      'plano.nome': 'Básico',
    })
    assert.equal(out, 'A: Loja $& {{plano.nome}}; B: Básico')
  })

  it('fills every placeholder of the default template', () => {
    const out = renderTemplate(DEFAULT_CONTRACT_TEMPLATE, buildContractData(input))
    assert.doesNotMatch(out, /[{}]/)
    assert.doesNotMatch(out, /—/, 'the sample input has every value')
    assert.match(out, /CONTRATANTE: Padaria Pão Quente Ltda \(nome fantasia: Pão Quente\), inscrito/)
    assert.match(out, /até 28\/02\/2027/)
    assert.match(out, /em 1º de dezembro de 2026\.$/)
  })
})

describe('renderContractPdf', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadastra-contract-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  const pdfText = (bytes: Uint8Array, name: string) => {
    const file = path.join(dir, name)
    writeFileSync(file, bytes)
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  }

  it('renders the default template: header, title, accents, signatures, page numbers', async () => {
    const bytes = await renderContractPdf({
      title: DEFAULT_CONTRACT_TITLE,
      tenantName: input.tenantName,
      body: renderTemplate(DEFAULT_CONTRACT_TEMPLATE, buildContractData(input)),
      contractNumber: input.contract.number,
      signatures: [input.tenantName, input.client.name],
    })
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), '%PDF-')
    const text = pdfText(bytes, 'default.pdf')
    assert.match(text, /Contrato nº 2026\/000123/)
    assert.match(text, /Contrato de Prestação de Serviços/)
    assert.match(text, /Padaria Pão Quente Ltda/)
    assert.match(text, /11\.222\.333\/0001-81/)
    assert.match(text, /CLÁUSULA TERCEIRA – DO PREÇO E DA FORMA DE PAGAMENTO/)
    assert.match(text, /R\$ 199,90/)
    assert.match(text, /Página 1 de \d/)
    assert.match(text, /Vitória\/ES/)
  })

  it('adds pages for a long body, numbering each, with the header on every page', async () => {
    const body = Array.from(
      { length: 200 },
      (_, i) =>
        `${i % 20 === 0 ? `CLÁUSULA ${i / 20 + 1}\n` : ''}${i + 1}. O CONTRATANTE declara ciência das condições ` +
        'de prestação dos serviços, inclusive quanto à manutenção preventiva e às interrupções programadas.',
    ).join('\n\n')
    const bytes = await renderContractPdf({
      title: 'Contrato longo',
      tenantName: 'Conecta Telecom Ltda',
      body: `${body}\n\nhttps://exemplo.com.br/${'a'.repeat(300)}`,
      contractNumber: '77',
      signatures: ['Conecta Telecom Ltda', 'Padaria Pão Quente Ltda'],
    })
    const text = pdfText(bytes, 'long.pdf')
    const total = Number(/Página 1 de (\d+)/.exec(text)?.[1])
    assert.ok(total >= 4, `several pages (got ${total})`)
    assert.match(text, /Página 3 de/)
    assert.match(text, new RegExp(`Página ${total} de ${total}`))
    assert.equal(text.match(/Contrato nº 77/g)?.length, total)
    assert.match(text, /200\. O CONTRATANTE/)
    assert.equal(text.match(/Padaria Pão Quente Ltda/g)?.length, 1, 'signature names once, at the end')
  })
})
