import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { handleFormError } from '../../shared/ui/errors.ts'
import { CHECKLIST } from './intake.labels.ts'
import type { FichaDetail, TransitionBody } from './intake.types.ts'

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/

interface ModalProps {
  ficha: FichaDetail
  opened: boolean
  onClose: () => void
  /** Sends the transition; throws the API error (shown by the modal). */
  onSubmit: (body: TransitionBody) => Promise<void>
}

interface MissingItem {
  label: string
  checked: boolean
}

/** The items offered when returning a ficha: what the checklist found missing (checked), then the rest. */
function initialItems(ficha: FichaDetail): MissingItem[] {
  const items: MissingItem[] = ficha.checklistMissing.map((label) => ({ label, checked: true }))
  for (const item of CHECKLIST) {
    if (!items.some((i) => i.label === item.label)) items.push({ label: item.label, checked: false })
  }
  return items
}

/** "Devolver para correção": what is missing (editable) and a note; the sender gets them by e-mail. */
export function ReturnModal({ ficha, opened, onClose, onSubmit }: ModalProps) {
  const [saving, setSaving] = useState(false)
  const [extra, setExtra] = useState('')
  const form = useForm<{ items: MissingItem[]; note: string }>({
    initialValues: { items: initialItems(ficha), note: '' },
    validate: {
      items: (items) => (items.some((i) => i.checked) ? null : 'Marque ou acrescente pelo menos um item.'),
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.setValues({ items: initialItems(ficha), note: '' })
    form.clearErrors()
    setExtra('')
  }, [opened])

  function addItem() {
    const label = extra.trim()
    if (!label) return
    const existing = form.values.items.findIndex((i) => i.label.toLowerCase() === label.toLowerCase())
    if (existing >= 0) form.setFieldValue(`items.${existing}.checked`, true)
    else form.insertListItem('items', { label, checked: true })
    form.clearFieldError('items')
    setExtra('')
  }

  async function submit(values: typeof form.values) {
    setSaving(true)
    try {
      await onSubmit({
        to: 'devolvida',
        missing: values.items.filter((i) => i.checked).map((i) => i.label.slice(0, 300)),
        note: values.note.trim() || undefined,
      })
      onClose()
    } catch (error) {
      handleFormError(form, error, 'Não foi possível devolver a ficha')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title="Devolver para correção"
      centered
      size="lg"
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {ficha.senderName} ({ficha.senderEmail}) recebe por e-mail a lista abaixo e um link para corrigir
            a ficha.
          </Text>
          <Stack gap="xs" role="group" aria-label="O que falta">
            <Text size="sm" fw={600}>
              O que falta
            </Text>
            {form.values.items.map((item, index) => (
              <Group key={item.label} gap="xs" wrap="nowrap" justify="space-between">
                <Checkbox
                  label={item.label}
                  {...form.getInputProps(`items.${index}.checked`, { type: 'checkbox' })}
                />
                {CHECKLIST.some((c) => c.label === item.label) ||
                ficha.checklistMissing.includes(item.label) ? null : (
                  <Tooltip label="Remover item">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="sm"
                      aria-label={`Remover “${item.label}”`}
                      onClick={() => form.removeListItem('items', index)}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            ))}
            {form.errors.items ? (
              <Text size="sm" c="red.8" role="alert">
                {form.errors.items}
              </Text>
            ) : null}
          </Stack>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label="Outro item que falta"
              placeholder="Ex.: Assinatura do responsável"
              value={extra}
              maxLength={300}
              onChange={(event) => setExtra(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  addItem()
                }
              }}
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={addItem}
              disabled={!extra.trim()}
            >
              Acrescentar
            </Button>
          </Group>
          <Textarea
            label="Observação"
            description="Vai no e-mail ao remetente e fica no histórico."
            inputWrapperOrder={['label', 'description', 'input', 'error']}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" color="orange" loading={saving}>
              Devolver e avisar o remetente
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** "Encaminhar": the e-mail of the team or partner that registers the users, and a note. */
export function ForwardModal({ ficha, opened, onClose, onSubmit }: ModalProps) {
  const [saving, setSaving] = useState(false)
  const form = useForm({
    initialValues: { forwardTo: '', note: '' },
    validate: {
      forwardTo: (value) =>
        !value.trim()
          ? 'Informe o e-mail da equipe ou parceiro que fará o cadastro.'
          : EMAIL_PATTERN.test(value.trim())
            ? null
            : 'E-mail inválido.',
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.setValues({ forwardTo: '', note: '' })
    form.clearErrors()
  }, [opened])

  async function submit(values: typeof form.values) {
    setSaving(true)
    try {
      await onSubmit({
        to: 'encaminhada',
        forwardTo: values.forwardTo.trim(),
        note: values.note.trim() || undefined,
      })
      onClose()
    } catch (error) {
      handleFormError(form, error, 'Não foi possível encaminhar a ficha')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal opened={opened} onClose={saving ? () => {} : onClose} title="Encaminhar ficha" centered size="lg">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <Text size="sm">
            A ficha {ficha.protocol} vai por e-mail, com os dados do órgão, da unidade, do responsável e dos
            usuários, para a equipe ou o parceiro que faz o cadastro no sistema.
          </Text>
          <TextInput
            label="E-mail da equipe ou parceiro"
            type="email"
            required
            withAsterisk
            data-autofocus
            placeholder="cadastro@parceiro.com.br"
            {...form.getInputProps('forwardTo')}
          />
          <Textarea
            label="Observação"
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              Encaminhar e enviar e-mail
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

interface NoteModalProps extends ModalProps {
  to: TransitionBody['to']
  title: string
  description: string
  confirmLabel: string
  color?: string
}

/** Any other step (archive, registered, waiting for training): a confirmation with an optional note. */
export function NoteModal({
  opened,
  onClose,
  onSubmit,
  to,
  title,
  description,
  confirmLabel,
  color,
}: NoteModalProps) {
  const [saving, setSaving] = useState(false)
  const form = useForm({ initialValues: { note: '' } })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (opened) form.setValues({ note: '' })
  }, [opened])

  async function submit(values: typeof form.values) {
    setSaving(true)
    try {
      await onSubmit({ to, note: values.note.trim() || undefined })
      onClose()
    } catch (error) {
      handleFormError(form, error)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal opened={opened} onClose={saving ? () => {} : onClose} title={title} centered>
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <Text size="sm">{description}</Text>
          <Textarea
            label="Observação"
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" color={color} loading={saving}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
