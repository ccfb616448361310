import {
  Badge,
  Box,
  Button,
  Group,
  Input,
  LoadingOverlay,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconListCheck, IconPlus } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api.ts'
import { handleFormError, notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { RULE_KIND_OPTIONS, RULE_LABELS, SEVERITY_COLORS, SEVERITY_LABELS } from './plans.labels.ts'
import type {
  PlanCategory,
  RegistrationRule,
  RegistrationRuleBody,
  RuleKind,
  RuleSeverity,
} from './plans.types.ts'

/** "Regras de cadastro": checks run when a plan is added to a client (block or warn). */
export function RegistrationRulesPanel() {
  const rules = useApiQuery<{ items: RegistrationRule[] }>('/registration-rules')
  const categories = useApiQuery<{ items: PlanCategory[] }>('/plan-categories')
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const items = rules.data?.items ?? []

  async function toggle(rule: RegistrationRule) {
    setBusy(rule.id)
    try {
      await api.patch(`/registration-rules/${rule.id}`, { isActive: !rule.isActive })
      notifySuccess(rule.isActive ? 'Regra desativada.' : 'Regra ativada.')
      await rules.reload()
    } catch (error) {
      notifyError(error, 'Não foi possível alterar a regra')
    } finally {
      setBusy(null)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Regras de cadastro">
      <Group justify="space-between" mb="sm" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 320px' }}>
          <Title order={2} fz="h4">
            Regras de cadastro
          </Title>
          <Text size="sm" c="dimmed">
            Conferidas ao finalizar ou alterar o plano de um cliente: “Bloquear” impede salvar; “Avisar” pede
            que a pessoa confirme que está ciente.
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          Nova regra
        </Button>
      </Group>
      {rules.error ? <LoadError error={rules.error} onRetry={() => void rules.reload()} /> : null}
      <Box pos="relative" mih={80}>
        <LoadingOverlay visible={rules.loading && !rules.data} zIndex={1} />
        {rules.data && items.length === 0 ? (
          <EmptyState
            icon={<IconListCheck size={28} stroke={1.5} />}
            title="Nenhuma regra de cadastro"
            description="Crie regras como “Endereço de instalação precisa de número” para conferir cada plano cadastrado."
          />
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Regras de cadastro">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Regra</Table.Th>
                  <Table.Th w={180}>Categoria</Table.Th>
                  <Table.Th w={100}>Ação</Table.Th>
                  <Table.Th w={100}>Situação</Table.Th>
                  <Table.Th w={120}>
                    <VisuallyHidden>Ações</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((rule) => (
                  <Table.Tr key={rule.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {RULE_LABELS[rule.kind] ?? rule.label}
                      </Text>
                      {rule.message ? (
                        <Text size="xs" c="dimmed">
                          Mensagem: {rule.message}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={rule.categoryName ? undefined : 'dimmed'}>
                        {rule.categoryName ?? 'Todas'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={SEVERITY_COLORS[rule.severity]}>
                        {SEVERITY_LABELS[rule.severity]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={rule.isActive ? 'teal' : 'gray'}>
                        {rule.isActive ? 'Ativa' : 'Inativa'}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color={rule.isActive ? 'red' : undefined}
                        loading={busy === rule.id}
                        onClick={() => void toggle(rule)}
                      >
                        {rule.isActive ? 'Desativar' : 'Ativar'}
                        <VisuallyHidden> a regra {RULE_LABELS[rule.kind] ?? rule.label}</VisuallyHidden>
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
      <RuleFormModal
        opened={adding}
        categories={categories.data?.items ?? []}
        onClose={() => setAdding(false)}
        onSaved={() => void rules.reload()}
      />
    </Paper>
  )
}

const ALL_CATEGORIES = 'todas'

interface RuleValues {
  kind: RuleKind | null
  categoryId: string
  severity: RuleSeverity
  message: string
}

function RuleFormModal({
  opened,
  categories,
  onClose,
  onSaved,
}: {
  opened: boolean
  categories: PlanCategory[]
  onClose: () => void
  onSaved: () => void
}) {
  const [saving, setSaving] = useState(false)
  const form = useForm<RuleValues>({
    initialValues: { kind: null, categoryId: ALL_CATEGORIES, severity: 'block', message: '' },
    validate: {
      kind: (value) => (value ? null : 'Escolha a regra.'),
      message: (value) => (value.trim().length > 300 ? 'No máximo 300 caracteres.' : null),
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.reset()
    form.clearErrors()
  }, [opened])

  async function submit(values: RuleValues) {
    if (!values.kind) return
    const body: RegistrationRuleBody = {
      kind: values.kind,
      categoryId: values.categoryId === ALL_CATEGORIES ? null : values.categoryId,
      severity: values.severity,
      message: values.message.trim() || null,
      isActive: true,
    }
    setSaving(true)
    try {
      await api.post('/registration-rules', body)
      notifySuccess('Regra de cadastro criada.')
      onSaved()
      onClose()
    } catch (error) {
      handleFormError(form, error, 'Não foi possível criar a regra')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title="Nova regra de cadastro"
      centered
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          <Select
            label="Regra"
            placeholder="Escolha o que conferir"
            data={RULE_KIND_OPTIONS}
            allowDeselect={false}
            checkIconPosition="right"
            {...form.getInputProps('kind')}
          />
          <Select
            label="Categoria"
            description="Deixe em “Todas as categorias” para conferir qualquer plano."
            data={[
              { value: ALL_CATEGORIES, label: 'Todas as categorias' },
              ...categories.map((c) => ({ value: c.id, label: c.name })),
            ]}
            allowDeselect={false}
            checkIconPosition="right"
            {...form.getInputProps('categoryId')}
          />
          <Stack gap={4}>
            <Input.Label id="rule-severity">Quando a regra não for cumprida</Input.Label>
            <SegmentedControl
              aria-labelledby="rule-severity"
              data={[
                { value: 'block', label: 'Bloquear' },
                { value: 'warn', label: 'Avisar' },
              ]}
              {...form.getInputProps('severity')}
            />
          </Stack>
          <Textarea
            label="Mensagem personalizada"
            description="Opcional. Sem mensagem, aparece o texto padrão da regra."
            autosize
            minRows={2}
            maxRows={5}
            {...form.getInputProps('message')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              Criar regra
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
