import { ActionIcon, Button, Center, Group, Loader, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { api } from '../../shared/api.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { ClientPlan, ClientPlanDetail } from './client-plans.types.ts'
import { type ActionProps, ActionModal, Refusal, useAction } from './plan-action-modals.tsx'
import type { Errors } from './plan-form.ts'

/** A field the tenant defined for its client plans (Configurações → Campos extras). */
export interface ExtraFieldDefinition {
  key: string
  label: string
  required: boolean
}

/**
 * "Campos Extra" of a plan. When the tenant defined the plans' extra fields (Configurações), one
 * input per field, required ones checked; otherwise free name/value pairs.
 */
export function ExtraFieldsModal(props: ActionProps) {
  const { loading, definitions } = usePlanExtraFieldDefinitions(props.opened)
  return (
    <ActionModal title="Campos Extra" plan={props.plan} opened={props.opened} onClose={props.onClose}>
      {loading ? (
        <Center py="lg">
          <Loader size="sm" aria-label="Carregando campos" />
        </Center>
      ) : definitions.length > 0 ? (
        <DefinedFields {...props} definitions={definitions} />
      ) : (
        <FreeFields {...props} />
      )}
    </ActionModal>
  )
}

/** The server's key of a field from its label: "Nº do medidor" → "n-do-medidor". */
function fieldKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** The tenant's plan extra fields (GET /settings/extra-fields, readable by every staff member). */
export function usePlanExtraFieldDefinitions(enabled = true): {
  loading: boolean
  definitions: ExtraFieldDefinition[]
} {
  const query = useApiQuery<{ plans?: ExtraFieldDefinition[] }>(enabled ? '/settings/extra-fields' : null)
  return { loading: enabled && !query.data && !query.error, definitions: query.data?.plans ?? [] }
}

async function saveExtraFields(plan: ClientPlan, extraFields: Record<string, string>) {
  return api.put<ClientPlanDetail>(`/client-plans/${plan.id}/extra-fields`, { extraFields })
}

/** API errors come as `extraFields.<key>`. */
function byKey(fields: Errors): Errors {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^extraFields\./, ''), v]))
}

function DefinedFields({
  plan,
  onClose,
  onDone,
  definitions,
}: ActionProps & { definitions: ExtraFieldDefinition[] }) {
  // A pair typed before the tenant defined its fields ("Vendedor") fills the field with that key.
  const existing = new Map(Object.entries(plan.extraFields).map(([name, value]) => [fieldKey(name), value]))
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(definitions.map((d) => [d.key, plan.extraFields[d.key] ?? existing.get(d.key) ?? ''])),
  )
  const [errors, setErrors] = useState<Errors>({})
  const { busy, refusal, run } = useAction()
  const dropped = Object.keys(plan.extraFields).filter((k) => !definitions.some((d) => d.key === fieldKey(k)))

  async function save() {
    const found: Errors = {}
    for (const d of definitions)
      if (d.required && !values[d.key]?.trim()) found[d.key] = `Preencha o campo "${d.label}".`
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const extraFields = Object.fromEntries(
      Object.entries(values)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    )
    let detail: ClientPlanDetail | null = null
    const ok = await run(
      async () => {
        detail = await saveExtraFields(plan, extraFields)
      },
      (fields) => setErrors(byKey(fields)),
    )
    if (ok) {
      notifySuccess(`Campos extras do plano nº ${plan.number} salvos.`)
      onDone(detail)
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <Stack gap="sm">
        {definitions.map((d) => (
          <TextInput
            key={d.key}
            label={d.label}
            required={d.required}
            maxLength={500}
            value={values[d.key] ?? ''}
            error={errors[d.key]}
            onChange={(e) => {
              const value = e.currentTarget.value
              setValues((current) => ({ ...current, [d.key]: value }))
              setErrors({})
            }}
          />
        ))}
        {dropped.length > 0 ? (
          <Text size="xs" c="dimmed">
            Campos que não estão mais nas Configurações serão removidos ao salvar: {dropped.join(', ')}.
          </Text>
        ) : null}
        <Refusal message={refusal} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Fechar
          </Button>
          <Button type="submit" loading={busy}>
            Salvar
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

interface ExtraRow {
  key: number
  name: string
  value: string
}

function FreeFields({ plan, onClose, onDone }: ActionProps) {
  const [rows, setRows] = useState<ExtraRow[]>(() => {
    const entries = Object.entries(plan.extraFields)
    return (entries.length ? entries : [['', '']]).map(([name, value], i) => ({ key: i, name, value }))
  })
  const [errors, setErrors] = useState<Errors>({})
  const { busy, refusal, run } = useAction()

  function update(key: number, patch: Partial<ExtraRow>) {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)))
    setErrors({})
  }

  async function save() {
    const found: Errors = {}
    const seen = new Set<string>()
    const extraFields: Record<string, string> = {}
    for (const row of rows) {
      const name = row.name.trim()
      if (!name && !row.value.trim()) continue
      if (!name) found[`${row.key}.name`] = 'Informe o nome do campo.'
      else if (seen.has(name.toLowerCase())) found[`${row.key}.name`] = 'Nome repetido.'
      seen.add(name.toLowerCase())
      extraFields[name] = row.value.trim()
    }
    if (Object.keys(extraFields).length > 30) found.form = 'No máximo 30 campos extras.'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    let detail: ClientPlanDetail | null = null
    const ok = await run(
      async () => {
        detail = await saveExtraFields(plan, extraFields)
      },
      (fields) => {
        // `extraFields.<name>` → the row with that name.
        const mapped: Errors = {}
        for (const [name, message] of Object.entries(byKey(fields))) {
          const row = rows.find((r) => r.name.trim() === name)
          mapped[row ? `${row.key}.name` : 'form'] = message
        }
        setErrors(mapped)
      },
    )
    if (ok) {
      notifySuccess(`Campos extras do plano nº ${plan.number} salvos.`)
      onDone(detail)
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <Stack gap="sm">
        {rows.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label={index === 0 ? 'Campo' : undefined}
              aria-label={`Nome do campo ${index + 1}`}
              placeholder="Ex.: Vendedor"
              style={{ flex: 2 }}
              maxLength={60}
              value={row.name}
              error={errors[`${row.key}.name`]}
              onChange={(e) => update(row.key, { name: e.currentTarget.value })}
            />
            <TextInput
              label={index === 0 ? 'Valor' : undefined}
              aria-label={`Valor do campo ${index + 1}`}
              style={{ flex: 3 }}
              maxLength={500}
              value={row.value}
              onChange={(e) => update(row.key, { value: e.currentTarget.value })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={index === 0 ? 26 : 4}
              aria-label={`Remover campo ${index + 1}`}
              onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setRows((list) => [
                ...list,
                { key: Math.max(0, ...list.map((r) => r.key)) + 1, name: '', value: '' },
              ])
            }
            disabled={rows.length >= 30}
          >
            Adicionar campo
          </Button>
        </Group>
        {errors.form ? (
          <Text size="sm" c="red.8">
            {errors.form}
          </Text>
        ) : null}
        <Refusal message={refusal} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Fechar
          </Button>
          <Button type="submit" loading={busy}>
            Salvar
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
