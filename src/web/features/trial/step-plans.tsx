import { Alert, Badge, Box, Group, SimpleGrid, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core'
import { IconCheck, IconInfoCircle } from '@tabler/icons-react'
import { formatMoneyCents } from '../../../shared/format.ts'
import classes from '../plans/plans.module.css'
import { BILLING_CYCLE_PER, SERVICE_LABELS } from '../plans/plans.labels.ts'
import type { Plan } from '../plans/plans.types.ts'

interface PlansStepProps {
  plans: Plan[]
  selected: string[]
  error?: string
  onToggle: (planId: string) => void
}

/** Etapa 1: the category's plans as cards; a click toggles the selected mark (several allowed). */
export function PlansStep({ plans, selected, error, onToggle }: PlansStepProps) {
  if (plans.length === 0) {
    return (
      <Alert color="yellow" icon={<IconInfoCircle size={18} />} title="Nenhum plano à venda nesta categoria">
        Cadastre os planos em Planos → Categorias e planos antes de cadastrar um cliente por esta categoria.
      </Alert>
    )
  }
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Clique no plano que deseja para o cliente. Dois ou mais planos podem ser escolhidos para o mesmo
        cadastro.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" role="group" aria-label="Planos disponíveis">
        {plans.map((plan) => (
          <PlanCard
            key={plan.id}
            plan={plan}
            selected={selected.includes(plan.id)}
            onToggle={() => onToggle(plan.id)}
          />
        ))}
      </SimpleGrid>
      <Group gap="xs" aria-live="polite">
        <Text size="sm" fw={500}>
          {selected.length === 0
            ? 'Nenhum plano escolhido.'
            : selected.length === 1
              ? '1 plano escolhido.'
              : `${selected.length} planos escolhidos.`}
        </Text>
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
      </Group>
    </Stack>
  )
}

function PlanCard({ plan, selected, onToggle }: { plan: Plan; selected: boolean; onToggle: () => void }) {
  return (
    <UnstyledButton
      className={classes.planCard}
      data-selected={selected || undefined}
      aria-pressed={selected}
      onClick={onToggle}
    >
      <Stack gap="xs" h="100%">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Text fw={650} size="lg" style={{ minWidth: 0 }}>
            {plan.name}
          </Text>
          <ThemeIcon
            radius="xl"
            size={26}
            variant={selected ? 'filled' : 'default'}
            aria-hidden
            style={{ flexShrink: 0 }}
          >
            {selected ? <IconCheck size={16} stroke={3} /> : <Box w={16} />}
          </ThemeIcon>
        </Group>
        {plan.description ? (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {plan.description}
          </Text>
        ) : null}
        <Box mt="auto">
          <Text fw={700} fz="xl" c="brand.8" style={{ whiteSpace: 'nowrap' }}>
            {formatMoneyCents(plan.priceCents)}{' '}
            <Text span size="sm" fw={400} c="dimmed">
              {BILLING_CYCLE_PER[plan.billingCycle]}
            </Text>
          </Text>
          <Text size="sm" c={plan.trialDays > 0 ? 'teal.8' : 'dimmed'}>
            {plan.trialDays > 0
              ? `${plan.trialDays === 1 ? '1 dia' : `${plan.trialDays} dias`} de teste grátis`
              : 'Sem teste grátis'}
          </Text>
        </Box>
        {plan.services.length > 0 ? (
          <Group gap={4}>
            {plan.services.map((s) => (
              <Badge key={s.kind} size="sm" variant="light">
                {SERVICE_LABELS[s.kind]}
              </Badge>
            ))}
          </Group>
        ) : null}
        {selected ? (
          <Badge color="brand" variant="filled" leftSection={<IconCheck size={12} />} w="fit-content">
            Selecionado
          </Badge>
        ) : null}
      </Stack>
    </UnstyledButton>
  )
}
