/** Addresses as the plan screens type them. No React here. */
import { formatCep, isValidCep, normalizeCep } from '../../../shared/documents.ts'

/** An address as typed (CEP with the mask). */
export interface AddressValues {
  cep: string
  street: string
  number: string
  complement: string
  district: string
  city: string
  uf: string
}

export const EMPTY_ADDRESS: AddressValues = {
  cep: '',
  street: '',
  number: '',
  complement: '',
  district: '',
  city: '',
  uf: '',
}

export type AddressErrors = Partial<Record<keyof AddressValues, string>>

/** The same rules as the server's AddressInput, for instant feedback. */
export function validateAddress(a: AddressValues): AddressErrors {
  const errors: AddressErrors = {}
  if (!isValidCep(a.cep)) errors.cep = 'CEP inválido (8 dígitos).'
  if (a.street.trim().length < 2) errors.street = 'Informe o logradouro.'
  if (a.number.trim().length < 1) errors.number = 'Informe o número (ou S/N).'
  if (a.district.trim().length < 2) errors.district = 'Informe o bairro.'
  if (a.city.trim().length < 2) errors.city = 'Informe o município.'
  if (!a.uf) errors.uf = 'Informe a UF.'
  return errors
}

/** The body the API takes (`cep` as 8 digits, empty complement as null). */
export function addressBody(a: AddressValues) {
  return {
    cep: normalizeCep(a.cep),
    street: a.street.trim(),
    number: a.number.trim(),
    complement: a.complement.trim() || null,
    district: a.district.trim(),
    city: a.city.trim(),
    uf: a.uf,
  }
}

/** 'Rua X, 10 — Sala 2 · Centro · Vitória/ES · CEP 29000-000' */
export function addressLine(a: AddressValues): string {
  const street = [a.street.trim(), a.number.trim()].filter(Boolean).join(', ')
  return [
    street + (a.complement.trim() ? ` — ${a.complement.trim()}` : ''),
    a.district.trim(),
    `${a.city.trim()}/${a.uf}`,
    `CEP ${formatCep(a.cep)}`,
  ]
    .filter(Boolean)
    .join(' · ')
}
