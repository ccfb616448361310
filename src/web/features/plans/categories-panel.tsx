import {
  Badge,
  Box,
  Button,
  Grid,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { IconCategory, IconPackage, IconPencil, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { formatMoneyCents } from '../../../shared/format.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ExportButtons } from '../imports/export-buttons.tsx'
import { CategoryFormModal } from './category-form-modal.tsx'
import classes from './plans.module.css'
import { PlanFormModal } from './plan-form-modal.tsx'
import { BILLING_CYCLE_PER, SERVICE_LABELS, planCountLabel, trialDaysLabel } from './plans.labels.ts'
import type { Plan, PlanCategory } from './plans.types.ts'

type CategoryModal = { kind: 'new' } | { kind: 'edit'; category: PlanCategory } | null
type PlanModal = { kind: 'new' } | { kind: 'edit'; plan: Plan } | null

/** "Categorias e planos": the categories on the left, the chosen category's plans on the right. */
export function CategoriesPanel() {
  const [params, setParams] = useSearchParams()
  const categories = useApiQuery<{ items: PlanCategory[] }>('/plan-categories')
  const items = categories.data?.items ?? []
  const requested = params.get('categoria')
  const selected = items.find((c) => c.id === requested) ?? items[0] ?? null
  const plans = useApiQuery<{ items: Plan[] }>(selected ? '/plans' : null, { categoryId: selected?.id })
  const [categoryModal, setCategoryModal] = useState<CategoryModal>(null)
  const [planModal, setPlanModal] = useState<PlanModal>(null)

  function select(id: string) {
    const next = new URLSearchParams(params)
    next.set('categoria', id)
    setParams(next, { replace: true })
  }

  async function reloadAll() {
    await Promise.all([categories.reload(), plans.reload()])
  }

  return (
    <>
      {categories.error ? (
        <LoadError error={categories.error} onRetry={() => void categories.reload()} />
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Paper withBorder p="md" component="section" aria-label="Categorias">
            <Group justify="space-between" mb="sm" gap="xs">
              <Title order={2} fz="h4">
                Categorias
              </Title>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => setCategoryModal({ kind: 'new' })}
              >
                Nova categoria
              </Button>
            </Group>
            <Box pos="relative" mih={80}>
              <LoadingOverlay visible={categories.loading && !categories.data} zIndex={1} />
              {categories.data && items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nenhuma categoria ainda. Crie uma, como “Emissores Fiscais” ou “Internet”.
                </Text>
              ) : null}
              <Stack gap={6} role="list" aria-label="Categorias de planos">
                {items.map((category) => (
                  <div role="listitem" key={category.id}>
                    <CategoryItem
                      category={category}
                      active={category.id === selected?.id}
                      onSelect={() => select(category.id)}
                    />
                  </div>
                ))}
              </Stack>
            </Box>
          </Paper>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          {selected ? (
            <Paper withBorder p="md" component="section" aria-label={`Planos de ${selected.name}`}>
              <Group justify="space-between" align="flex-start" mb="md" gap="sm">
                <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
                  <Group gap="xs">
                    <Title order={2} fz="h4">
                      {selected.name}
                    </Title>
                    {selected.isActive ? null : (
                      <Badge variant="light" color="gray">
                        Inativa
                      </Badge>
                    )}
                  </Group>
                  {selected.description ? (
                    <Text size="sm" c="dimmed">
                      {selected.description}
                    </Text>
                  ) : null}
                </Stack>
                <Group gap="xs">
                  <ExportButtons list="plans" params={{ categoryId: selected.id }} />
                  <Button
                    variant="default"
                    size="sm"
                    leftSection={<IconPencil size={16} />}
                    onClick={() => setCategoryModal({ kind: 'edit', category: selected })}
                  >
                    Editar categoria
                  </Button>
                  <Button
                    size="sm"
                    leftSection={<IconPlus size={16} />}
                    onClick={() => setPlanModal({ kind: 'new' })}
                  >
                    Novo plano
                  </Button>
                </Group>
              </Group>
              {plans.error ? <LoadError error={plans.error} onRetry={() => void plans.reload()} /> : null}
              <Box pos="relative" mih={100}>
                <LoadingOverlay visible={plans.loading && !plans.data} zIndex={1} />
                {plans.data && plans.data.items.length === 0 ? (
                  <EmptyState
                    icon={<IconPackage size={28} stroke={1.5} />}
                    title="Nenhum plano nesta categoria"
                    description="Cadastre os planos com preço, ciclo de cobrança, dias de teste e serviços."
                  />
                ) : null}
                {plans.data && plans.data.items.length > 0 ? (
                  <PlansTable
                    plans={plans.data.items}
                    onEdit={(plan) => setPlanModal({ kind: 'edit', plan })}
                  />
                ) : null}
              </Box>
            </Paper>
          ) : categories.data ? (
            <Paper withBorder p="md">
              <EmptyState
                icon={<IconCategory size={28} stroke={1.5} />}
                title="Comece pelas categorias"
                description="Os planos ficam agrupados em categorias; o “Novo Cadastro” da lista de clientes mostra cada categoria com a quantidade de planos."
              >
                <Button
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setCategoryModal({ kind: 'new' })}
                >
                  Nova categoria
                </Button>
              </EmptyState>
            </Paper>
          ) : null}
        </Grid.Col>
      </Grid>

      <CategoryFormModal
        opened={categoryModal !== null}
        category={categoryModal?.kind === 'edit' ? categoryModal.category : null}
        onClose={() => setCategoryModal(null)}
        onSaved={(category) => {
          select(category.id)
          void categories.reload()
        }}
      />
      {selected ? (
        <PlanFormModal
          opened={planModal !== null}
          plan={planModal?.kind === 'edit' ? planModal.plan : null}
          categoryId={selected.id}
          categories={items}
          onClose={() => setPlanModal(null)}
          onSaved={() => void reloadAll()}
        />
      ) : null}
    </>
  )
}

function CategoryItem({
  category,
  active,
  onSelect,
}: {
  category: PlanCategory
  active: boolean
  onSelect: () => void
}) {
  return (
    <UnstyledButton
      w="100%"
      className={classes.selectable}
      data-selected={active || undefined}
      onClick={onSelect}
      aria-current={active || undefined}
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        border: `1px solid ${active ? 'var(--mantine-color-brand-5)' : 'var(--mantine-color-default-border)'}`,
      }}
    >
      <Stack gap={4}>
        <Text size="sm" fw={active ? 600 : 500}>
          {category.name}
        </Text>
        <Group gap={4}>
          <Badge size="sm" variant={active ? 'filled' : 'light'}>
            {planCountLabel(category.planCount)}
          </Badge>
          {category.isActive ? null : (
            <Badge size="sm" variant="light" color="gray">
              Inativa
            </Badge>
          )}
        </Group>
      </Stack>
    </UnstyledButton>
  )
}

function PlansTable({ plans, onEdit }: { plans: Plan[]; onEdit: (plan: Plan) => void }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Planos da categoria">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Plano</Table.Th>
            <Table.Th w={120} ta="right">
              Preço
            </Table.Th>
            <Table.Th w={90}>Teste</Table.Th>
            <Table.Th>Serviços</Table.Th>
            <Table.Th w={100}>Situação</Table.Th>
            <Table.Th w={90}>
              <VisuallyHidden>Ações</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => (
            <Table.Tr key={plan.id} data-inactive={plan.isActive ? undefined : true}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {plan.name}
                </Text>
                {plan.description ? (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {plan.description}
                  </Text>
                ) : null}
                {plan.startsInHomologation ? (
                  <Text size="xs" c="orange.8" mt={2}>
                    Começa em Homologação
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {formatMoneyCents(plan.priceCents)}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {BILLING_CYCLE_PER[plan.billingCycle]}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {trialDaysLabel(plan.trialDays)}
                </Text>
              </Table.Td>
              <Table.Td>
                {plan.services.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nenhum
                  </Text>
                ) : (
                  <Group gap={4}>
                    {plan.services.map((service) => (
                      <Badge
                        key={service.kind}
                        size="sm"
                        variant={service.required ? 'filled' : 'light'}
                        title={service.required ? 'Obrigatório' : 'Opcional'}
                        h="auto"
                        py={2}
                        styles={{ label: { whiteSpace: 'normal' } }}
                      >
                        {SERVICE_LABELS[service.kind]}
                        {service.required ? ' (obrigatório)' : ''}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={plan.isActive ? 'teal' : 'gray'}>
                  {plan.isActive ? 'À venda' : 'Inativo'}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => onEdit(plan)}
                  aria-label={`Editar ${plan.name}`}
                >
                  Editar
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
