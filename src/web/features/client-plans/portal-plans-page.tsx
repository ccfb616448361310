import {
  Badge,
  Center,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconBuilding, IconCalendarEvent, IconMapPin, IconPackage, IconPackageOff } from '@tabler/icons-react'
import { formatDate, formatMoneyCents, formatTime } from '../../../shared/format.ts'
import type { ItemList } from '../../shared/paged.ts'
import { useUser } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { BILLING_CYCLE_LABELS, STATUS_COLORS, STATUS_LABELS } from './client-plans.labels.ts'
import type { ClientPlan, ClientPlanService } from './client-plans.types.ts'

/** `/portal/planos`: the plans of the company the client user works for (read-only, no passwords). */
export function PortalPlansPage() {
  const user = useUser()
  return (
    <>
      <PageHeader
        title="Meus planos"
        description={
          user.company ? (
            <>
              Planos contratados por <strong>{user.company.name}</strong> com {user.tenant.name}.
            </>
          ) : (
            `Planos contratados com ${user.tenant.name}.`
          )
        }
      />
      {user.company ? (
        // Remount per company: switching companies reloads the list.
        <PortalPlansList key={user.company.id} />
      ) : (
        <Paper withBorder p="xl">
          <EmptyState
            icon={<IconBuilding size={28} stroke={1.5} />}
            title="Nenhuma empresa vinculada"
            description={`Seu acesso ainda não está ligado a nenhuma empresa. Fale com a equipe de ${user.tenant.name}.`}
          />
        </Paper>
      )}
    </>
  )
}

function PortalPlansList() {
  const plans = useApiQuery<ItemList<ClientPlan>>('/portal/plans')
  if (plans.error && !plans.data) return <LoadError error={plans.error} onRetry={() => void plans.reload()} />
  if (!plans.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando planos" />
      </Center>
    )
  }
  if (plans.data.items.length === 0) {
    return (
      <Paper withBorder p="xl">
        <EmptyState
          icon={<IconPackageOff size={28} stroke={1.5} />}
          title="Nenhum plano contratado"
          description="Quando um plano for contratado para esta empresa, ele aparecerá aqui."
        />
      </Paper>
    )
  }
  // Active first, then inactive, then cancelled; newest first inside each.
  const order = { ativo: 0, inativo: 1, cancelado: 2 }
  const items = [...plans.data.items].sort(
    (a, b) => order[a.status] - order[b.status] || b.createdAt.localeCompare(a.createdAt),
  )
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {items.map((plan) => (
        <PlanCard key={plan.id} plan={plan} />
      ))}
    </SimpleGrid>
  )
}

/** What a client may see of a service: never a password. */
function serviceText(s: ClientPlanService): string {
  if (s.kind === 'email' && s.login && s.domain) return `${s.label}: ${s.login}@${s.domain}`
  const value = s.login ?? s.domain ?? s.ip
  return value ? `${s.label}: ${value}` : s.label
}

function PlanCard({ plan }: { plan: ClientPlan }) {
  const titleId = `portal-plan-${plan.id}`
  return (
    <Paper withBorder p="lg" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={40} radius="md" variant="light">
              <IconPackage size={22} stroke={1.6} />
            </ThemeIcon>
            <div>
              <Title order={2} fz="h4" id={titleId}>
                {plan.planName}
              </Title>
              <Text size="sm" c="dimmed">
                {plan.categoryName} · nº {plan.number}
              </Text>
            </div>
          </Group>
          <Badge variant="light" color={STATUS_COLORS[plan.status]}>
            {STATUS_LABELS[plan.status]}
          </Badge>
        </Group>
        <Text size="sm">
          {formatMoneyCents(plan.priceCents)} por {BILLING_CYCLE_LABELS[plan.billingCycle]} ·{' '}
          {plan.paymentLabel}, vencimento todo dia {plan.dueDay}
        </Text>
        {plan.installationAddress ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconMapPin size={16} style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm">{plan.installationAddress.line}</Text>
          </Group>
        ) : null}
        {plan.nextBooking ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconCalendarEvent
              size={16}
              style={{ flexShrink: 0, marginTop: 2 }}
              color="var(--mantine-color-teal-7)"
            />
            <Text size="sm">
              Instalação agendada: {formatDate(plan.nextBooking.startsAt)}, das{' '}
              {formatTime(plan.nextBooking.startsAt)} às {formatTime(plan.nextBooking.endsAt)}
            </Text>
          </Group>
        ) : null}
        {plan.services.length > 0 ? (
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb={4}>
              Serviços
            </Text>
            <List size="sm" spacing={2}>
              {plan.services.map((s) => (
                <List.Item key={s.id}>{serviceText(s)}</List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {plan.trialEndsOn ? (
          <Text size="sm" c="dimmed">
            Teste grátis até {formatDate(plan.trialEndsOn)}.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  )
}
