import {
  Box,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconBuildingCommunity, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDateTime, formatNumber } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import { useSession } from '../../shared/session.tsx'
import type { ItemList } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'

interface Tenant {
  id: string
  name: string
  slug: string
  createdAt: string
  staffCount: number
}

export function TenantsPage() {
  const session = useSession()
  const tenants = useApiQuery<ItemList<Tenant>>('/tenants')
  const [creating, setCreating] = useState(false)
  const items = tenants.data?.items ?? []

  return (
    <>
      <PageHeader
        title="Inquilinos"
        description="Os prestadores de serviço que usam esta instalação do Cadastra. Cada um tem seus próprios dados, equipe e clientes."
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
            Novo inquilino
          </Button>
        }
      />
      <Paper withBorder p="md">
        {tenants.error ? <LoadError error={tenants.error} onRetry={() => void tenants.reload()} /> : null}
        <Box pos="relative" mih={120}>
          <LoadingOverlay visible={tenants.loading && !tenants.data} zIndex={1} />
          {tenants.data && items.length === 0 ? (
            <EmptyState
              icon={<IconBuildingCommunity size={28} stroke={1.5} />}
              title="Nenhum inquilino"
              description="Crie o primeiro inquilino para começar."
            />
          ) : null}
          {items.length > 0 ? (
            <Table.ScrollContainer minWidth={640}>
              <Table aria-label="Inquilinos">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nome</Table.Th>
                    <Table.Th>Identificador</Table.Th>
                    <Table.Th>Equipe</Table.Th>
                    <Table.Th>Criado em</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((tenant) => (
                    <Table.Tr key={tenant.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {tenant.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Code>{tenant.slug}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {tenant.staffCount === 1
                            ? '1 pessoa'
                            : `${formatNumber(tenant.staffCount)} pessoas`}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(tenant.createdAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Box>
      </Paper>
      <CreateTenantModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          void tenants.reload()
          // The new tenant's administrator may be the current user: refresh the tenant switcher.
          void session.refresh()
        }}
      />
    </>
  )
}

/** "Secretaria da Fazenda — ES" → "secretaria-da-fazenda-es" */
export function slugify(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 50)
    .replace(/^-+|-+$/g, '')
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function CreateTenantModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean
  onClose: () => void
  onCreated: () => void
}) {
  const [saving, setSaving] = useState(false)
  const [slugTouched, setSlugTouched] = useState(false)
  const form = useForm({
    initialValues: { name: '', slug: '', adminName: '', adminEmail: '' },
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : 'Informe o nome do inquilino.'),
      slug: (v) =>
        !v
          ? 'Informe o identificador.'
          : SLUG_PATTERN.test(v)
            ? null
            : 'Use só letras minúsculas sem acento, números e hífens.',
      adminName: (v) => (v.trim().length >= 2 ? null : 'Informe o nome completo do administrador.'),
      adminEmail: (v) =>
        !v.trim() ? 'Informe o e-mail.' : EMAIL_PATTERN.test(v.trim()) ? null : 'E-mail inválido.',
    },
  })

  function close() {
    if (saving) return
    form.reset()
    setSlugTouched(false)
    onClose()
  }

  async function submit(values: typeof form.values) {
    setSaving(true)
    try {
      const body = {
        name: values.name.trim(),
        slug: values.slug,
        adminName: values.adminName.trim(),
        adminEmail: values.adminEmail.trim(),
      }
      const tenant = await api.post<Tenant>('/tenants', body)
      notifySuccess(`Convite de acesso enviado para ${body.adminEmail}`, `Inquilino “${tenant.name}” criado`)
      onCreated()
      form.reset()
      setSlugTouched(false)
      onClose()
    } catch (error) {
      handleFormError(form, error, 'Não foi possível criar o inquilino')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Novo inquilino" centered>
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <TextInput
            label="Nome"
            required
            data-autofocus
            {...form.getInputProps('name')}
            onChange={(event) => {
              const name = event.currentTarget.value
              form.setFieldValue('name', name)
              if (!slugTouched) form.setFieldValue('slug', slugify(name))
            }}
          />
          <TextInput
            label="Identificador (slug)"
            description="Usado em endereços. Letras minúsculas, números e hífens."
            required
            {...form.getInputProps('slug')}
            onChange={(event) => {
              setSlugTouched(true)
              form.setFieldValue('slug', event.currentTarget.value.toLowerCase())
            }}
          />
          <TextInput label="Nome do administrador" required {...form.getInputProps('adminName')} />
          <TextInput
            label="E-mail do administrador"
            type="email"
            required
            description="O administrador recebe um link para definir a própria senha."
            {...form.getInputProps('adminEmail')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              Criar inquilino
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
