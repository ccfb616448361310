import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { randomId } from '@mantine/hooks'
import { IconAlertTriangle, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import {
  type ExtraFieldDefinition,
  type ExtraFieldDefinitions,
  extraFieldKey,
  type TenantSettings,
  type TenantSettingsPatch,
} from './settings.types.ts'

const MAX_FIELDS = 30

interface Row {
  id: string
  label: string
  required: boolean
  /** The key the values are stored under today (none for a row added now). */
  savedKey: string | null
}

interface ExtraFieldsForm {
  clients: Row[]
  plans: Row[]
}

type Entity = keyof ExtraFieldsForm

function useExtraFieldsForm() {
  return useForm<ExtraFieldsForm>({ initialValues: { clients: [], plans: [] } })
}

type ExtraFieldsFormApi = ReturnType<typeof useExtraFieldsForm>

const LISTS: { entity: Entity; title: string; example: string }[] = [
  { entity: 'clients', title: 'Clientes', example: 'Ex.: Código no ERP' },
  { entity: 'plans', title: 'Planos de clientes', example: 'Ex.: Nº do medidor' },
]

function toRows(definitions: ExtraFieldDefinition[]): Row[] {
  return definitions.map((d) => ({ id: d.key, label: d.label, required: d.required, savedKey: d.key }))
}

function toForm(definitions: ExtraFieldDefinitions): ExtraFieldsForm {
  return { clients: toRows(definitions.clients), plans: toRows(definitions.plans) }
}

function validate(values: ExtraFieldsForm): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const { entity } of LISTS) {
    const keys = new Set<string>()
    values[entity].forEach((row, i) => {
      const label = row.label.trim()
      const key = extraFieldKey(label)
      const at = `${entity}.${i}.label`
      if (label.length < 2) errors[at] = 'Informe o nome do campo.'
      else if (label.length > 60) errors[at] = 'Nome do campo longo demais (máximo de 60).'
      else if (!key) errors[at] = 'Use letras ou números no nome do campo.'
      else if (keys.has(key)) errors[at] = 'Já existe um campo com este nome.'
      keys.add(key)
    })
  }
  return errors
}

/**
 * Configurações → "Campos extras": the fields the tenant adds to its clients and client plans.
 * Saves only `extraFields` (each list replaces that entity's definitions).
 */
export function ExtraFieldsSection() {
  const definitions = useApiQuery<ExtraFieldDefinitions>('/settings/extra-fields')
  const [loaded, setLoaded] = useState(false)
  const [saving, setSaving] = useState(false)
  const [leftovers, setLeftovers] = useState<string[]>([])
  const form = useExtraFieldsForm()

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once the definitions arrive
  useEffect(() => {
    if (!definitions.data) return
    reset(definitions.data)
    setLoaded(true)
  }, [definitions.data])

  function reset(next: ExtraFieldDefinitions) {
    const values = toForm(next)
    form.setValues(values)
    form.resetDirty(values)
    form.clearErrors()
    setLeftovers([])
  }

  async function save() {
    const values = form.getValues()
    const errors = validate(values)
    form.setErrors(errors)
    setLeftovers([])
    if (Object.keys(errors).length > 0) return
    const input = (rows: Row[]) => rows.map((r) => ({ label: r.label.trim(), required: r.required }))
    const patch: TenantSettingsPatch = {
      extraFields: { clients: input(values.clients), plans: input(values.plans) },
    }
    setSaving(true)
    try {
      const saved = await api.patch<TenantSettings>('/settings', patch)
      reset(saved.extraFields)
      notifySuccess('Campos extras salvos.')
    } catch (error) {
      setLeftovers(applyServerErrors(error))
      notifyError(error, 'Não foi possível salvar os campos extras')
    } finally {
      setSaving(false)
    }
  }

  /** `extraFields.clients.0.label` → `clients.0.label`; what matches no input is returned. */
  function applyServerErrors(error: unknown): string[] {
    if (!(error instanceof ApiError)) return []
    const errors: Record<string, string> = {}
    const rest: string[] = []
    for (const [path, message] of Object.entries(error.fields)) {
      const [head, entity, index] = path.split('.')
      const rows = entity === 'clients' || entity === 'plans' ? form.getValues()[entity] : null
      if (head !== 'extraFields' || !rows) rest.push(message)
      else if (index !== undefined && rows[Number(index)]) errors[`${entity}.${index}.label`] = message
      else errors[entity] = message
    }
    form.setErrors(errors)
    return rest
  }

  const dirty = form.isDirty()

  return (
    <Paper withBorder p="md" component="section" aria-label="Campos extras" mt="lg">
      <Stack gap={4} mb="md">
        <Title order={2} fz="h4">
          Campos extras
        </Title>
        <Text size="sm" c="dimmed">
          Campos próprios do seu processo nos cadastros de clientes e de planos; enquanto uma lista estiver
          vazia, os cadastros dela aceitam campos livres (nome e valor à vontade).
        </Text>
      </Stack>
      {definitions.error ? <LoadError error={definitions.error} onRetry={definitions.reload} /> : null}
      {loaded ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            {LISTS.map((list) => (
              <FieldList key={list.entity} form={form} {...list} />
            ))}
          </SimpleGrid>
          {leftovers.length > 0 ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert" mt="md">
              {leftovers.join(' ')}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm" mt="md">
            {dirty ? (
              <Button
                variant="default"
                onClick={() => definitions.data && reset(definitions.data)}
                disabled={saving}
              >
                Descartar alterações
              </Button>
            ) : null}
            <Button
              type="submit"
              leftSection={<IconDeviceFloppy size={18} />}
              loading={saving}
              disabled={!dirty}
            >
              Salvar campos extras
            </Button>
          </Group>
        </form>
      ) : null}
    </Paper>
  )
}

function FieldList({
  form,
  entity,
  title,
  example,
}: {
  form: ExtraFieldsFormApi
  entity: Entity
  title: string
  example: string
}) {
  const rows = form.getValues()[entity]
  const listError = form.errors[entity]
  return (
    <Box role="group" aria-label={title}>
      <Title order={3} fz="md" mb="xs">
        {title}
      </Title>
      <Stack gap="xs">
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhum campo definido: campos livres permitidos.
          </Text>
        ) : null}
        {rows.map((row, index) => {
          const renamed = row.savedKey !== null && extraFieldKey(row.label.trim()) !== row.savedKey
          const name = row.label.trim() || `${index + 1}`
          return (
            <Group key={row.id} gap="sm" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={`Nome do campo ${index + 1} (${title})`}
                placeholder={example}
                autoComplete="off"
                maxLength={60}
                style={{ flex: 1 }}
                description={
                  renamed ? 'Renomeado: valores gravados com o nome anterior deixarão de valer.' : undefined
                }
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                {...form.getInputProps(`${entity}.${index}.label`)}
              />
              <Checkbox
                label="Obrigatório"
                mt={8}
                {...form.getInputProps(`${entity}.${index}.required`, { type: 'checkbox' })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mt={2}
                aria-label={`Remover o campo ${name}`}
                title="Remover campo"
                onClick={() => form.removeListItem(entity, index)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          )
        })}
        {listError ? (
          <Text size="sm" c="red" role="alert">
            {listError}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              form.insertListItem(entity, { id: randomId(), label: '', required: false, savedKey: null })
            }
            disabled={rows.length >= MAX_FIELDS}
          >
            Adicionar campo
          </Button>
        </Group>
      </Stack>
    </Box>
  )
}
