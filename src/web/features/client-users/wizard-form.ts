import { useForm } from '@mantine/form'
import { isValidCpf, isValidPhone } from '../../../shared/documents.ts'
import type { AccessLevel, ClientUser, NotificationChannel } from './client-users.types.ts'

/** Everything the wizard collects; sent once, at "Concluir". */
export interface WizardValues {
  name: string
  email: string
  cpf: string
  phone: string
  portalActive: boolean
  isDemo: boolean
  departments: { departmentId: string; level: AccessLevel }[]
  companyIds: string[]
  permissions: string[]
  notifications: Record<string, NotificationChannel>
}

/** The wizard's form (one @mantine/form instance shared by every step). */
export function useWizardForm(initialValues: WizardValues) {
  return useForm<WizardValues>({ initialValues })
}

export type WizardForm = ReturnType<typeof useWizardForm>

/** "now": the invitation goes when the wizard is concluded; "later": staff send it from the list. */
export type SendChoice = 'now' | 'later'

export const STEPS = ['Geral', 'Departamentos', 'Clientes', 'Permissões', 'Notificações', 'Concluir'] as const
export const SUMMARY_STEP = STEPS.length - 1

/** Which step shows each field, so server `fields` errors land on the right step. */
const STEP_FIELDS: string[][] = [
  ['name', 'email', 'cpf', 'phone', 'portalActive', 'isDemo', 'send'],
  ['departments'],
  ['companyIds', 'companies'],
  ['permissions'],
  ['notifications'],
]

export function stepOfField(path: string): number {
  const index = STEP_FIELDS.findIndex((fields) =>
    fields.some((field) => path === field || path.startsWith(`${field}.`)),
  )
  return index === -1 ? 0 : index
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function emptyValues(): WizardValues {
  return {
    name: '',
    email: '',
    cpf: '',
    phone: '',
    portalActive: false,
    isDemo: false,
    departments: [],
    companyIds: [],
    permissions: [],
    notifications: {},
  }
}

export function valuesFromUser(user: ClientUser): WizardValues {
  return {
    name: user.name,
    email: user.email,
    cpf: user.cpf ?? '',
    phone: user.phone ?? '',
    portalActive: user.portalActive,
    isDemo: user.isDemo,
    departments: user.departments.map((d) => ({ departmentId: d.departmentId, level: d.level })),
    companyIds: user.companies.map((c) => c.id),
    permissions: [...user.permissions],
    notifications: { ...user.notifications },
  }
}

export function emailError(value: string): string | null {
  if (!value.trim()) return 'Informe o e-mail.'
  return EMAIL_PATTERN.test(value.trim()) ? null : 'E-mail inválido.'
}

/** The client-side checks of one step; the server checks everything again. */
export function validateStep(step: number, values: WizardValues): Record<string, string> {
  const errors: Record<string, string> = {}
  if (step === 0) {
    if (values.name.trim().length < 3) errors.name = 'Informe o nome completo.'
    const email = emailError(values.email)
    if (email) errors.email = email
    if (values.cpf.trim() && !isValidCpf(values.cpf)) errors.cpf = 'CPF inválido.'
    if (values.phone.trim() && !isValidPhone(values.phone)) errors.phone = 'Telefone inválido.'
  }
  if (step === 1 && values.departments.length === 0) {
    errors.departments = 'Marque pelo menos um departamento.'
  }
  if (step === 2 && values.companyIds.length === 0) {
    errors.companyIds = 'Selecione pelo menos um cliente.'
  }
  return errors
}

/** Replaces the errors of one step, keeping the others (e.g. server errors on another step). */
export function setStepErrors(form: WizardForm, step: number, errors: Record<string, string>): void {
  const kept = Object.fromEntries(Object.entries(form.errors).filter(([path]) => stepOfField(path) !== step))
  form.setErrors({ ...kept, ...errors })
}

/** Error messages of a step whose path starts with one of the prefixes (for list-level alerts). */
export function stepMessages(form: WizardForm, prefix: string): string[] {
  return Object.entries(form.errors)
    .filter(([path, message]) => (path === prefix || path.startsWith(`${prefix}.`)) && message)
    .map(([, message]) => String(message))
}
