import { useForm } from '@mantine/form'
import { isValidCep, isValidPhone, normalizeCep, normalizePhone } from '../../../shared/documents.ts'
import { evaluatePassword } from '../../../shared/password/policy.ts'
import { ApiError } from '../../shared/api.ts'
import {
  type ClientOrgForm,
  type ClientOrgValues,
  EMAIL_PATTERN,
  validate as validateClientOrg,
} from '../client-orgs/client-org-form.ts'
import type { TrialSignupBody } from './trial.types.ts'

/** The seed's four steps. Step 3 and 4 edit a client form (the client screens' lookups fill it). */
export const STEPS = ['Plano', 'Contato e login', 'Empresa', 'Endereço'] as const
export const PLANS_STEP = 0
export const LOGIN_STEP = 1
export const COMPANY_STEP = 2
export const ADDRESS_STEP = 3

/** Steps 1 and 2: chosen plans, contact and the client's login. */
export interface AccountValues {
  planIds: string[]
  contact: { name: string; phone: string }
  login: { email: string; password: string; passwordConfirmation: string }
}

export function useAccountForm() {
  return useForm<AccountValues>({
    initialValues: {
      planIds: [],
      contact: { name: '', phone: '' },
      login: { email: '', password: '', passwordConfirmation: '' },
    },
  })
}

export type AccountForm = ReturnType<typeof useAccountForm>

export function validateLoginStep(values: AccountValues): Record<string, string> {
  const errors: Record<string, string> = {}
  if (values.contact.name.trim().length < 2) errors['contact.name'] = 'Informe o nome do responsável.'
  if (!values.contact.phone.trim()) errors['contact.phone'] = 'Informe o telefone.'
  else if (!isValidPhone(values.contact.phone))
    errors['contact.phone'] = 'Telefone inválido. Use DDD + número.'
  const email = values.login.email.trim()
  if (!email) errors['login.email'] = 'Informe o e-mail de login.'
  else if (!EMAIL_PATTERN.test(email)) errors['login.email'] = 'E-mail inválido.'
  const password = values.login.password
  if (!password) errors['login.password'] = 'Informe a senha.'
  else if (!evaluatePassword(password, { email }).ok)
    // The meter under the field lists what is missing; the field only says it was refused.
    errors['login.password'] = 'Senha fraca: ajuste o que o medidor abaixo indica.'
  if (!values.login.passwordConfirmation) errors['login.passwordConfirmation'] = 'Confirme a senha.'
  else if (values.login.passwordConfirmation !== password)
    errors['login.passwordConfirmation'] = 'As senhas não conferem.'
  return errors
}

const isAddressPath = (path: string) => path === 'addresses' || path.startsWith('addresses.')

/** Step 3: CPF/CNPJ, names, Inscrição Estadual, e-mail and phone (the client form's own checks). */
export function validateCompanyStep(values: ClientOrgValues): Record<string, string> {
  return Object.fromEntries(
    Object.entries(validateClientOrg(values, true)).filter(([path]) => !isAddressPath(path)),
  )
}

/** Step 4: the address is required here (the client form lets it be blank). */
export function validateAddressStep(values: ClientOrgValues): Record<string, string> {
  const errors = Object.fromEntries(
    Object.entries(validateClientOrg(values, true)).filter(([path]) => isAddressPath(path)),
  )
  const a = values.addresses[0]
  const at = (field: string) => `addresses.0.${field}`
  if (!a || !isValidCep(a.cep)) errors[at('cep')] ??= 'Informe o CEP (8 dígitos).'
  if (!a?.street.trim()) errors[at('street')] ??= 'Informe o logradouro.'
  if (!a?.number.trim()) errors[at('number')] ??= 'Informe o número (ou S/N).'
  if (!a?.district.trim()) errors[at('district')] ??= 'Informe o bairro.'
  if (!a?.city.trim()) errors[at('city')] ??= 'Informe o município.'
  if (!a?.uf.trim()) errors[at('uf')] ??= 'Informe a UF.'
  return errors
}

/** The first valid phone of the company (filled by the CNPJ lookup), normalised; null when none. */
function companyPhone(phones: string[]): string | null {
  const phone = phones.find((p) => p.trim() && isValidPhone(p))
  return phone ? normalizePhone(phone) : null
}

export function toSignupBody(account: AccountValues, company: ClientOrgValues): TrialSignupBody {
  const a = company.addresses[0]
  const text = (v: string) => v.trim() || null
  return {
    planIds: account.planIds,
    contact: { name: account.contact.name.trim(), phone: normalizePhone(account.contact.phone) },
    login: {
      email: account.login.email.trim().toLowerCase(),
      password: account.login.password,
      passwordConfirmation: account.login.passwordConfirmation,
    },
    company: {
      document: company.document.trim(),
      name: company.name.trim(),
      tradeName: text(company.tradeName),
      stateRegistration: text(company.stateRegistration.toUpperCase()),
      email: text(company.emails[0] ?? ''),
      phone: companyPhone(company.phones),
    },
    address: {
      cep: normalizeCep(a.cep),
      street: a.street.trim(),
      number: a.number.trim(),
      complement: text(a.complement),
      district: a.district.trim(),
      city: a.city.trim(),
      uf: a.uf.trim().toUpperCase(),
    },
  }
}

/** Where a server field of `POST /trial-signups` (or a step check) shows: the step and the form path. */
export function locateField(path: string): { step: number; form: 'account' | 'company'; path: string } {
  const [head, ...rest] = path.split('.')
  const tail = rest.join('.')
  if (head === 'planIds') return { step: PLANS_STEP, form: 'account', path: 'planIds' }
  if (head === 'contact' || head === 'login') return { step: LOGIN_STEP, form: 'account', path }
  // The step checks answer with the body's own top-level names.
  if (head === 'email' || head === 'password' || head === 'passwordConfirmation')
    return { step: LOGIN_STEP, form: 'account', path: `login.${head}` }
  if (head === 'document') return { step: COMPANY_STEP, form: 'company', path: 'document' }
  if (head === 'company') {
    const field = tail === 'email' ? 'emails.0' : tail === 'phone' ? 'phones.0' : tail
    return { step: COMPANY_STEP, form: 'company', path: field || 'document' }
  }
  if (head === 'address') return { step: ADDRESS_STEP, form: 'company', path: `addresses.0.${tail || 'cep'}` }
  return { step: PLANS_STEP, form: 'account', path: 'planIds' }
}

/**
 * Puts an API error's `fields` (and the codes that name one field) on the two forms.
 * Returns the first step holding an error, or null when nothing landed on a field.
 */
export function applySignupErrors(
  account: AccountForm,
  company: ClientOrgForm,
  error: unknown,
): number | null {
  if (!(error instanceof ApiError)) return null
  const fields = { ...error.fields }
  if (error.code === 'CLIENT_LOGIN_TAKEN' && !fields['login.email'] && !fields.email)
    fields['login.email'] = error.message
  if (error.code === 'CLIENT_DUPLICATE' && !fields['company.document'] && !fields.document)
    fields['company.document'] = error.message
  if (error.code === 'PASSWORD_WEAK' && !fields['login.password'] && !fields.password)
    fields['login.password'] = error.message
  if (
    error.code === 'PASSWORD_MISMATCH' &&
    !fields['login.passwordConfirmation'] &&
    !fields.passwordConfirmation
  )
    fields['login.passwordConfirmation'] = error.message
  let first: number | null = null
  for (const [path, message] of Object.entries(fields)) {
    const where = locateField(path)
    if (where.form === 'account') account.setFieldError(where.path, message)
    else company.setFieldError(where.path, message)
    first = first === null ? where.step : Math.min(first, where.step)
  }
  return first
}
