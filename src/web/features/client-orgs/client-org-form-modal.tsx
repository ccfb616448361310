import { Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect, useState } from 'react'
import { detectDocumentType, isValidDocument, maskDocument } from '../../../shared/documents.ts'
import { ApiError, api } from '../../shared/api.ts'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import type { ClientOrg } from './client-orgs.types.ts'

interface ClientOrgFormModalProps {
  opened: boolean
  onClose: () => void
  onCreated: (org: ClientOrg) => void
}

function documentError(value: string): string | null {
  if (!value.trim()) return 'Informe o CPF ou o CNPJ.'
  const type = detectDocumentType(value)
  if (!type) return 'Informe um CPF (11 dígitos) ou um CNPJ (14 caracteres).'
  if (!isValidDocument(value)) return type === 'cpf' ? 'CPF inválido.' : 'CNPJ inválido.'
  return null
}

/** "Novo cliente": the minimal client organisation (name, CPF or CNPJ, portal enabled). */
export function ClientOrgFormModal({ opened, onClose, onCreated }: ClientOrgFormModalProps) {
  const [saving, setSaving] = useState(false)
  const form = useForm({
    initialValues: { name: '', document: '', portalEnabled: true },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : 'Informe o nome ou a razão social.'),
      document: documentError,
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.reset()
    form.clearErrors()
  }, [opened])

  async function submit(values: typeof form.values) {
    setSaving(true)
    try {
      const org = await api.post<ClientOrg>('/client-orgs', {
        name: values.name.trim(),
        document: values.document,
        portalEnabled: values.portalEnabled,
      })
      notifySuccess(`Cliente ${org.name} cadastrado.`)
      onCreated(org)
      onClose()
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.code === 'CLIENT_ORG_DUPLICATE' || error.code === 'DOCUMENT_INVALID') &&
        !error.fields.document
      ) {
        form.setFieldError('document', error.message)
      }
      handleFormError(form, error, 'Não foi possível cadastrar o cliente')
    } finally {
      setSaving(false)
    }
  }

  const type = detectDocumentType(form.values.document)

  return (
    <Modal opened={opened} onClose={saving ? () => {} : onClose} title="Novo cliente" centered size="md">
      <form
        onSubmit={(event) => {
          // The modal may sit inside another form (the user wizard): keep the submit here.
          event.stopPropagation()
          form.onSubmit((values) => void submit(values))(event)
        }}
        noValidate
      >
        <Stack gap="md">
          <TextInput
            label="Nome ou razão social"
            required
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <TextInput
            label="CPF ou CNPJ"
            required
            autoComplete="off"
            description={
              type === 'cnpj'
                ? 'CNPJ, numérico ou alfanumérico.'
                : 'Pessoa física: CPF. Empresa: CNPJ (também o alfanumérico).'
            }
            {...form.getInputProps('document')}
            onChange={(event) => form.setFieldValue('document', maskDocument(event.currentTarget.value))}
          />
          <Switch
            label="Portal do Cliente habilitado"
            description="Os usuários deste cliente poderão entrar no Portal do Cliente."
            {...form.getInputProps('portalEnabled', { type: 'checkbox' })}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              Cadastrar cliente
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
