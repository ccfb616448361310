import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  LoadingOverlay,
  Paper,
  Pill,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconAlertCircle, IconPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { formatNumber } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ClientOrgFormModal } from '../client-orgs/client-org-form-modal.tsx'
import type { ClientOrg } from '../client-orgs/client-orgs.types.ts'
import type { ClientUserCompany } from './client-users.types.ts'
import { stepMessages, type WizardForm } from './wizard-form.ts'

const PAGE_SIZE = 20

interface CompaniesStepProps {
  form: WizardForm
  /** Names of the companies already seen (selected ones may be outside the current search). */
  known: Map<string, ClientUserCompany>
  onKnown: (companies: ClientUserCompany[]) => void
  canCreate: boolean
}

export function CompaniesStep({ form, known, onKnown, canCreate }: CompaniesStepProps) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), 300)
  const [creating, setCreating] = useState(false)
  const list = useApiQuery<Paged<ClientOrg>>('/client-orgs', { search: debounced, pageSize: PAGE_SIZE })
  const items = list.data?.items ?? []
  const selected = new Set(form.values.companyIds)
  const messages = stepMessages(form, 'companyIds').concat(stepMessages(form, 'companies'))

  useEffect(() => {
    if (list.data) onKnown(list.data.items.map(({ id, name, document }) => ({ id, name, document })))
  }, [list.data, onKnown])

  function toggle(id: string, checked: boolean) {
    const rest = form.values.companyIds.filter((c) => c !== id)
    form.setFieldValue('companyIds', checked ? [...rest, id] : rest)
    form.clearFieldError('companyIds')
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Selecione as empresas de que o usuário faz parte: ele verá as informações delas conforme os
        departamentos escolhidos. Com mais de uma empresa, ele alterna entre elas no canto superior esquerdo
        do Portal.
      </Text>

      {messages.length > 0 ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {messages.join(' ')}
        </Alert>
      ) : null}

      <Box>
        <Text size="sm" fw={500} mb={6} id="selected-companies">
          Empresas selecionadas ({formatNumber(selected.size)})
        </Text>
        {selected.size === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhuma empresa selecionada.
          </Text>
        ) : (
          <Pill.Group aria-labelledby="selected-companies">
            {form.values.companyIds.map((id) => {
              const company = known.get(id)
              const name = company?.name ?? 'Cliente'
              return (
                <Pill
                  key={id}
                  size="md"
                  withRemoveButton
                  onRemove={() => toggle(id, false)}
                  removeButtonProps={{ 'aria-label': `Remover ${name}` }}
                >
                  {name}
                </Pill>
              )
            })}
          </Pill.Group>
        )}
      </Box>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Buscar clientes"
          placeholder="Nome, CPF ou CNPJ"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          style={{ flex: '1 1 280px' }}
          maw={420}
        />
        {canCreate ? (
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            Novo cliente
          </Button>
        ) : null}
      </Group>

      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}

      <Paper withBorder pos="relative" mih={80}>
        <LoadingOverlay visible={list.loading && !list.data} zIndex={1} />
        {list.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" p="md">
            {debounced
              ? `Nenhum cliente corresponde a “${debounced}”.`
              : 'Nenhum cliente cadastrado ainda. Cadastre o primeiro em “Novo cliente”.'}
          </Text>
        ) : null}
        {items.length > 0 ? (
          <ScrollArea.Autosize mah={360}>
            <Stack gap={0} role="group" aria-label="Clientes encontrados">
              {items.map((org) => (
                <Group
                  key={org.id}
                  justify="space-between"
                  gap="sm"
                  px="md"
                  py="sm"
                  wrap="nowrap"
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Checkbox
                    label={org.name}
                    description={org.document}
                    checked={selected.has(org.id)}
                    onChange={(event) => toggle(org.id, event.currentTarget.checked)}
                  />
                  {org.portalEnabled ? null : (
                    <Badge variant="light" color="orange" size="sm">
                      Portal desabilitado
                    </Badge>
                  )}
                </Group>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        ) : null}
      </Paper>
      {list.data && list.data.total > items.length ? (
        <Text size="xs" c="dimmed">
          Mostrando {formatNumber(items.length)} de {formatNumber(list.data.total)} clientes. Refine a busca
          para encontrar outros.
        </Text>
      ) : null}

      <ClientOrgFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(org) => {
          onKnown([{ id: org.id, name: org.name, document: org.document }])
          toggle(org.id, true)
          void list.reload()
        }}
      />
    </Stack>
  )
}
