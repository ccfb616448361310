import { notifications } from '@mantine/notifications'
import { ApiError, errorMessage } from '../api.ts'

interface FormWithErrors {
  setFieldError: (path: string, error: string) => void
  getValues?: () => object
}

/** Shows a success toast. */
export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', title, message, autoClose: 5000 })
}

/** Shows the pt-BR message of an API error (or a generic one) in a red toast. */
export function notifyError(error: unknown, title?: string): void {
  notifications.show({
    color: 'red',
    title: title ?? 'Não foi possível concluir',
    message: errorMessage(error),
  })
}

/**
 * Puts `ApiError.fields` messages on the matching form fields. Field paths come dotted from the
 * API (`address.zipCode`), which is also how @mantine/form names nested fields.
 * Returns the messages of fields the form does not have (so the caller can show them elsewhere).
 */
export function applyFieldErrors(form: FormWithErrors, error: unknown): string[] {
  if (!(error instanceof ApiError)) return []
  const known = form.getValues ? flattenKeys(form.getValues()) : null
  const leftovers: string[] = []
  for (const [path, message] of Object.entries(error.fields)) {
    if (known && !known.has(path)) leftovers.push(message)
    else form.setFieldError(path, message)
  }
  return leftovers
}

/**
 * The usual way to react to a failed form submission: messages go on the fields and the error
 * message goes to a toast.
 */
export function handleFormError(form: FormWithErrors, error: unknown, title?: string): void {
  applyFieldErrors(form, error)
  notifyError(error, title)
}

function flattenKeys(value: object, prefix = '', out = new Set<string>()): Set<string> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key
    out.add(path)
    if (child && typeof child === 'object') flattenKeys(child, path, out)
  }
  return out
}
