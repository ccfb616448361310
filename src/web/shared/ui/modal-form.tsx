import { Button, Group, type MantineColor, type MantineSpacing, Modal, Stack } from '@mantine/core'
import { Fragment, type ReactNode, useState } from 'react'
import { ApiError } from '../api.ts'
import { notifyError } from './errors.ts'

interface ModalFormProps {
  /** Called on submit (Enter or the submit button); the page does not reload. */
  onSubmit: () => void | Promise<void>
  /** The row of buttons under the fields, usually a FormActions. */
  actions: ReactNode
  /** Space between the fields. */
  gap?: MantineSpacing
  /** Leaves the checks to the form (no browser bubbles on `required` fields). */
  noValidate?: boolean
  children: ReactNode
}

/** The form of a modal: the fields stacked, then the buttons. */
export function ModalForm({ onSubmit, actions, gap = 'md', noValidate, children }: ModalFormProps) {
  return (
    <form
      noValidate={noValidate}
      onSubmit={(e) => {
        e.preventDefault()
        void onSubmit()
      }}
    >
      <Stack gap={gap}>
        {children}
        {actions}
      </Stack>
    </form>
  )
}

interface FormActionsProps {
  busy: boolean
  onCancel: () => void
  cancelLabel?: string
  submitLabel: string
  submitColor?: MantineColor
  /** Between the buttons. */
  gap?: MantineSpacing
  /** Above the row. */
  mt?: MantineSpacing
  /** More buttons, between the cancel and the submit one. */
  children?: ReactNode
}

/** The buttons of a form, on the right: cancel (or back), any others, and submit. */
export function FormActions({
  busy,
  onCancel,
  cancelLabel = 'Cancelar',
  submitLabel,
  submitColor,
  gap,
  mt,
  children,
}: FormActionsProps) {
  return (
    <Group justify="flex-end" gap={gap} mt={mt}>
      <Button variant="default" onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </Button>
      {children}
      <Button type="submit" color={submitColor} loading={busy}>
        {submitLabel}
      </Button>
    </Group>
  )
}

interface SubmitOptions {
  /** Title of the red toast. */
  errorTitle?: string
  /** A refusal of the API, to put its field messages on the form. */
  onApiError?: (error: ApiError) => void
}

/**
 * Sends a form with a busy flag: `run(request)` awaits the request (which also does what follows a
 * success); when it throws, an ApiError goes to `onApiError` and the message to a red toast.
 */
export function useFormSubmit() {
  const [busy, setBusy] = useState(false)
  async function run(request: () => Promise<void>, { errorTitle, onApiError }: SubmitOptions = {}) {
    setBusy(true)
    try {
      await request()
    } catch (error) {
      if (error instanceof ApiError) onApiError?.(error)
      notifyError(error, errorTitle)
    } finally {
      setBusy(false)
    }
  }
  return { busy, run }
}

interface EditModalProps<T extends { id: string }> {
  /** The record being edited, 'new' for a new one, null when closed. */
  editing: T | 'new' | null
  onClose: () => void
  newTitle: string
  editTitle: (record: T) => string
  /** The form, mounted afresh for each record (null: a new one). */
  children: (record: T | null) => ReactNode
}

/** The modal that creates a record or edits one. */
export function EditModal<T extends { id: string }>({
  editing,
  onClose,
  newTitle,
  editTitle,
  children,
}: EditModalProps<T>) {
  const existing = editing && editing !== 'new' ? editing : null
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={existing ? editTitle(existing) : newTitle}
      size="lg"
      centered
    >
      {editing !== null ? <Fragment key={existing?.id ?? 'new'}>{children(existing)}</Fragment> : null}
    </Modal>
  )
}
