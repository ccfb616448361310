import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core'
import { type FormEvent, useEffect, useState } from 'react'
import { ApiError } from '../../shared/api.ts'
import { notifyError } from '../../shared/ui/errors.ts'

interface NameModalProps {
  opened: boolean
  title: string
  label: string
  initialName?: string
  submitLabel: string
  /** Staff creating a folder: "Compartilhar com o departamento" (seed 004: manual folders are shared explicitly). */
  shareOption?: { departmentName: string } | null
  description?: string
  onSubmit: (name: string, share: boolean) => Promise<void>
  onClose: () => void
}

/** One name to type (new folder, rename folder or document); server field errors go under the field. */
export function NameModal(props: NameModalProps) {
  const { opened, title, label, initialName = '', submitLabel, shareOption, onSubmit, onClose } = props
  const [name, setName] = useState(initialName)
  const [share, setShare] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (opened) {
      setName(initialName)
      setShare(false)
      setError(null)
    }
  }, [opened, initialName])

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!name.trim()) {
      setError('Informe o nome.')
      return
    }
    setBusy(true)
    try {
      await onSubmit(name.trim(), share)
      onClose()
    } catch (err) {
      if (err instanceof ApiError && (err.fields.name || err.code.endsWith('NAME_TAKEN')))
        setError(err.fields.name ?? err.message)
      else notifyError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={busy ? () => {} : onClose} title={title} centered>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <TextInput
            label={label}
            description={props.description}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value)
              setError(null)
            }}
            error={error}
            maxLength={130}
            data-autofocus
            required
          />
          {shareOption ? (
            <Checkbox
              label={`Compartilhar com o departamento ${shareOption.departmentName}`}
              description="Pastas criadas pelo escritório só aparecem no portal depois de compartilhadas."
              checked={share}
              onChange={(e) => setShare(e.currentTarget.checked)}
            />
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancelar
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
