import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconAlertCircle, IconInfoCircle, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { type ApiError, api, isApiError } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import type { AccessLevel, AccessLevelOption, Department } from './client-users.types.ts'
import { stepMessages, type WizardForm } from './wizard-form.ts'

interface DepartmentsStepProps {
  form: WizardForm
  departments: Department[] | undefined
  loadError: ApiError | null
  onReload: () => Promise<void>
  accessLevels: AccessLevelOption[]
}

export function DepartmentsStep({
  form,
  departments,
  loadError,
  onReload,
  accessLevels,
}: DepartmentsStepProps) {
  const selected = new Map(form.values.departments.map((d) => [d.departmentId, d.level]))
  const messages = stepMessages(form, 'departments')

  function toggle(departmentId: string, checked: boolean) {
    const rest = form.values.departments.filter((d) => d.departmentId !== departmentId)
    form.setFieldValue('departments', checked ? [...rest, { departmentId, level: 'revisor' }] : rest)
    form.clearFieldError('departments')
  }

  function setLevel(departmentId: string, level: AccessLevel) {
    form.setFieldValue(
      'departments',
      form.values.departments.map((d) => (d.departmentId === departmentId ? { ...d, level } : d)),
    )
  }

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Marque os departamentos de que o usuário faz parte e o nível de acesso às pastas de cada um.
      </Text>
      <Paper withBorder p="sm" bg="gray.0">
        <List size="sm" spacing={4}>
          {accessLevels.map((level) => (
            <List.Item key={level.key}>
              <strong>{level.label}:</strong> {level.description}
            </List.Item>
          ))}
        </List>
      </Paper>

      {messages.length > 0 ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {messages.join(' ')}
        </Alert>
      ) : null}
      {loadError ? <LoadError error={loadError} onRetry={() => void onReload()} /> : null}
      {!departments && !loadError ? <Loader size="sm" aria-label="Carregando departamentos" /> : null}

      <Stack gap="xs">
        {(departments ?? []).map((department) => {
          const level = selected.get(department.id)
          const description = accessLevels.find((l) => l.key === level)?.description
          return (
            <Paper key={department.id} withBorder p="sm">
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Group gap="xs">
                  <Checkbox
                    label={department.name}
                    checked={level !== undefined}
                    onChange={(event) => toggle(department.id, event.currentTarget.checked)}
                  />
                  {department.isDefault ? (
                    <Badge size="sm" variant="light" color="gray">
                      padrão
                    </Badge>
                  ) : null}
                </Group>
                {level ? (
                  <SegmentedControl
                    aria-label={`Nível de acesso em ${department.name}`}
                    size="xs"
                    value={level}
                    onChange={(value) => setLevel(department.id, value as AccessLevel)}
                    data={accessLevels.map((l) => ({ value: l.key, label: l.label }))}
                  />
                ) : null}
              </Group>
              {level && description ? (
                <Text size="xs" c="dimmed" mt={6}>
                  {description}
                </Text>
              ) : null}
            </Paper>
          )
        })}
      </Stack>

      <Group gap="xs" align="flex-start">
        <IconInfoCircle
          size={16}
          style={{ marginTop: 2, flexShrink: 0 }}
          color="var(--mantine-color-dimmed)"
        />
        <Text size="xs" c="dimmed" style={{ flex: 1 }}>
          Os departamentos padrão dão acesso automático às pastas correspondentes: com o departamento Pessoal,
          por exemplo, a pasta Pessoal é compartilhada com o usuário.
        </Text>
      </Group>

      <NewDepartment
        onCreated={async (department) => {
          await onReload()
          toggle(department.id, true)
        }}
      />
    </Stack>
  )
}

function NewDepartment({ onCreated }: { onCreated: (department: Department) => Promise<void> }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  async function create() {
    const trimmed = name.trim()
    if (trimmed.length < 2) {
      setError('Informe o nome do departamento.')
      return
    }
    setSaving(true)
    setError(null)
    try {
      const department = await api.post<Department>('/departments', { name: trimmed })
      notifySuccess(`Departamento ${department.name} criado.`)
      setName('')
      await onCreated(department)
    } catch (err) {
      if (isApiError(err) && err.fields.name) setError(err.fields.name)
      else notifyError(err, 'Não foi possível criar o departamento')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Novo departamento"
        placeholder="Ex.: Financeiro"
        value={name}
        error={error}
        onChange={(event) => {
          setName(event.currentTarget.value)
          setError(null)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            void create()
          }
        }}
        style={{ flex: '1 1 240px' }}
        maw={360}
      />
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        onClick={() => void create()}
        loading={saving}
        mb={error ? 22 : 0}
      >
        Adicionar departamento
      </Button>
    </Group>
  )
}
