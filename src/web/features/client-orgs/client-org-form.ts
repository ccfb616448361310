import { useForm } from '@mantine/form'
import { randomId } from '@mantine/hooks'
import {
  detectDocumentType,
  formatCep,
  isValidCep,
  isValidDocument,
  isValidPhone,
  maskPhone,
  normalizeCep,
} from '../../../shared/documents.ts'
import { ApiError } from '../../shared/api.ts'
import { type ExtraFieldDefinition, extraFieldKey } from '../settings/settings.types.ts'
import type { AddressKind, ClientOrgBody, ClientOrgDetail, Environment } from './client-orgs.types.ts'

export interface AddressValues {
  key: string
  kind: AddressKind
  cep: string
  street: string
  number: string
  complement: string
  district: string
  city: string
  uf: string
}

export interface ExtraFieldValues {
  key: string
  /** The stored key; for a defined field, the definition's key. */
  name: string
  value: string
  /** Set when the tenant defined this field (Configurações → Campos extras). */
  definition?: { label: string; required: boolean }
}

/** Everything the client form edits. Lists keep their empty rows; the payload drops them. */
export interface ClientOrgValues {
  document: string
  name: string
  tradeName: string
  stateRegistration: string
  emails: string[]
  phones: string[]
  environment: Environment
  portalEnabled: boolean
  notes: string
  extraFields: ExtraFieldValues[]
  addresses: AddressValues[]
}

export function useClientOrgForm(initialValues: ClientOrgValues) {
  return useForm<ClientOrgValues>({ initialValues })
}

export type ClientOrgForm = ReturnType<typeof useClientOrgForm>

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const STATE_REGISTRATION_PATTERN = /^[0-9./-]+$/

export function emptyAddress(kind: AddressKind = 'principal'): AddressValues {
  return {
    key: randomId(),
    kind,
    cep: '',
    street: '',
    number: '',
    complement: '',
    district: '',
    city: '',
    uf: '',
  }
}

export function emptyExtraField(): ExtraFieldValues {
  return { key: randomId(), name: '', value: '' }
}

/**
 * The form rows of the stored extra fields. With definitions: one row per definition (a value
 * typed as a free pair before, "Código ERP", fills the field with that key), then the stored
 * fields that no definition matches (the server refuses them). Without: the free pairs.
 */
export function extraFieldValues(
  stored: Record<string, string>,
  definitions: ExtraFieldDefinition[] = [],
): ExtraFieldValues[] {
  const free = (name: string, value: string) => ({ key: randomId(), name, value })
  if (definitions.length === 0) return Object.entries(stored).map(([name, value]) => free(name, value))
  const used = new Set<string>()
  const defined = definitions.map((d) => {
    const from = Object.hasOwn(stored, d.key)
      ? d.key
      : Object.keys(stored).find((name) => !used.has(name) && extraFieldKey(name) === d.key)
    if (from !== undefined) used.add(from)
    return {
      ...free(d.key, from === undefined ? '' : stored[from]),
      definition: { label: d.label, required: d.required },
    }
  })
  const unknown = Object.entries(stored)
    .filter(([name]) => !used.has(name))
    .map(([name, value]) => free(name, value))
  return [...defined, ...unknown]
}

export function emptyValues(definitions: ExtraFieldDefinition[] = []): ClientOrgValues {
  return {
    document: '',
    name: '',
    tradeName: '',
    stateRegistration: '',
    emails: [''],
    phones: [''],
    environment: 'homologacao',
    portalEnabled: true,
    notes: '',
    extraFields: extraFieldValues({}, definitions),
    addresses: [emptyAddress('principal')],
  }
}

export function valuesFromOrg(
  org: ClientOrgDetail,
  definitions: ExtraFieldDefinition[] = [],
): ClientOrgValues {
  return {
    document: org.document,
    name: org.name,
    tradeName: org.tradeName ?? '',
    stateRegistration: org.stateRegistration ?? '',
    emails: org.emails.length ? [...org.emails] : [''],
    phones: org.phones.length ? org.phones.map((p) => maskPhone(p) || p) : [''],
    environment: org.environment,
    portalEnabled: org.portalEnabled,
    notes: org.notes ?? '',
    extraFields: extraFieldValues(org.extraFields, definitions),
    addresses: sortAddresses(org.addresses).map((a) => ({
      key: randomId(),
      kind: a.kind,
      cep: formatCep(a.cep),
      street: a.street,
      number: a.number,
      complement: a.complement ?? '',
      district: a.district,
      city: a.city,
      uf: a.uf,
    })),
  }
}

function isBlankAddress(a: AddressValues): boolean {
  return ![a.cep, a.street, a.number, a.complement, a.district, a.city, a.uf].some((v) => v.trim())
}

/**
 * The request body, plus where each sent list item sits in the form (blank rows are not sent),
 * so that a server error on `phones.0` lands on the right input.
 */
export interface Payload {
  body: ClientOrgBody
  indexes: { emails: number[]; phones: number[]; addresses: number[]; extraFields: number[] }
}

function kept<T>(list: T[], keep: (item: T) => boolean): number[] {
  return list.flatMap((item, index) => (keep(item) ? [index] : []))
}

export function toPayload(values: ClientOrgValues, isNew: boolean): Payload {
  const indexes = {
    emails: kept(values.emails, (e) => e.trim() !== ''),
    phones: kept(values.phones, (p) => p.trim() !== ''),
    addresses: kept(values.addresses, (a) => !isBlankAddress(a)),
    // A defined field left empty is not sent (the server checks the required ones).
    extraFields: kept(values.extraFields, (f) =>
      f.definition ? f.value.trim() !== '' : f.name.trim() !== '' || f.value.trim() !== '',
    ),
  }
  const text = (v: string) => v.trim() || null
  const body: ClientOrgBody = {
    name: values.name.trim(),
    ...(isNew ? { document: values.document.trim() } : {}),
    tradeName: text(values.tradeName),
    stateRegistration: text(values.stateRegistration.toUpperCase()),
    emails: indexes.emails.map((i) => values.emails[i].trim()),
    phones: indexes.phones.map((i) => values.phones[i].trim()),
    environment: values.environment,
    portalEnabled: values.portalEnabled,
    notes: text(values.notes),
    extraFields: Object.fromEntries(
      indexes.extraFields.map((i) => [values.extraFields[i].name.trim(), values.extraFields[i].value.trim()]),
    ),
    addresses: indexes.addresses.map((i) => {
      const a = values.addresses[i]
      return {
        kind: a.kind,
        cep: normalizeCep(a.cep),
        street: a.street.trim(),
        number: a.number.trim(),
        complement: text(a.complement),
        district: a.district.trim(),
        city: a.city.trim(),
        uf: a.uf.trim().toUpperCase(),
      }
    }),
  }
  return { body, indexes }
}

/** The client-side checks (the server checks everything again). Keys are form paths. */
export function validate(values: ClientOrgValues, isNew: boolean): Record<string, string> {
  const errors: Record<string, string> = {}
  if (isNew) {
    const doc = values.document.trim()
    const type = detectDocumentType(doc)
    if (!doc) errors.document = 'Informe o CPF ou o CNPJ.'
    else if (!type) errors.document = 'Informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).'
    else if (!isValidDocument(doc)) errors.document = type === 'cpf' ? 'CPF inválido.' : 'CNPJ inválido.'
  }
  if (values.name.trim().length < 2) errors.name = 'Informe o nome ou a razão social.'
  const ie = values.stateRegistration.trim().toUpperCase()
  if (ie && ie !== 'ISENTO' && !STATE_REGISTRATION_PATTERN.test(ie)) {
    errors.stateRegistration = 'Use só números (com ou sem pontuação) ou marque ISENTO.'
  }
  values.emails.forEach((email, i) => {
    if (email.trim() && !EMAIL_PATTERN.test(email.trim())) errors[`emails.${i}`] = 'E-mail inválido.'
  })
  values.phones.forEach((phone, i) => {
    if (phone.trim() && !isValidPhone(phone)) errors[`phones.${i}`] = 'Telefone inválido. Use DDD + número.'
  })
  const names = new Set<string>()
  values.extraFields.forEach((field, i) => {
    if (field.definition) {
      if (field.definition.required && !field.value.trim())
        errors[`extraFields.${i}.value`] = `Preencha o campo "${field.definition.label}".`
      names.add(field.name.toLowerCase())
      return
    }
    const name = field.name.trim()
    if (!name && field.value.trim()) errors[`extraFields.${i}.name`] = 'Informe o nome do campo.'
    else if (name && names.has(name.toLowerCase())) errors[`extraFields.${i}.name`] = 'Nome repetido.'
    if (name) names.add(name.toLowerCase())
  })
  values.addresses.forEach((a, i) => {
    if (isBlankAddress(a)) return
    const at = (field: string) => `addresses.${i}.${field}`
    if (!isValidCep(a.cep)) errors[at('cep')] = 'CEP inválido (8 dígitos).'
    if (a.street.trim().length < 2) errors[at('street')] = 'Informe o logradouro.'
    if (!a.number.trim()) errors[at('number')] = 'Informe o número (ou S/N).'
    if (a.district.trim().length < 2) errors[at('district')] = 'Informe o bairro.'
    if (a.city.trim().length < 2) errors[at('city')] = 'Informe o município.'
    if (!a.uf.trim()) errors[at('uf')] = 'Informe a UF.'
  })
  return errors
}

/**
 * Moves server `fields` errors to form paths: list indexes are translated back (blank rows were
 * not sent) and errors on a whole list or on an extra field by name go to the list.
 * Returns the messages that match no input.
 */
export function applyServerErrors(form: ClientOrgForm, payload: Payload, error: unknown): string[] {
  if (!(error instanceof ApiError)) return []
  const errors: Record<string, string> = {}
  const leftovers: string[] = []
  const scalar = new Set([
    'document',
    'name',
    'tradeName',
    'stateRegistration',
    'environment',
    'portalEnabled',
    'notes',
  ])
  for (const [path, message] of Object.entries(error.fields)) {
    const [head, index, ...rest] = path.split('.')
    if (scalar.has(head)) {
      errors[head] = message
    } else if (head === 'emails' || head === 'phones' || head === 'addresses') {
      const formIndex = index === undefined ? undefined : payload.indexes[head][Number(index)]
      if (formIndex === undefined) errors[head] = message
      else errors[[head, formIndex, ...rest].join('.')] = message
    } else if (head === 'extraFields') {
      const name = [index, ...rest].join('.')
      const formIndex = form.getValues().extraFields.findIndex((f) => f.name.trim() === name)
      if (formIndex >= 0) errors[`extraFields.${formIndex}.value`] = message
      else errors.extraFields = message
    } else {
      leftovers.push(message)
    }
  }
  form.setErrors(errors)
  return leftovers
}

/** The lookup's pt-BR message, plus a hint to type by hand when the message has none. */
export function withManualHint(message: string, hint: string): string {
  return /manual|à mão/i.test(message) ? message : `${message} ${hint}`
}

const KIND_ORDER: Record<AddressKind, number> = { principal: 0, cobranca: 1, instalacao: 2 }

/** Principal first, then billing, then installation (stable within a kind). */
export function sortAddresses<T extends { kind: AddressKind }>(addresses: T[]): T[] {
  return [...addresses].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
}
