import {
  Badge,
  Button,
  Center,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core'
import { IconEye, IconKey } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatMoneyCents,
  formatTime,
} from '../../../shared/format.ts'
import type { ItemList } from '../../shared/paged.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import {
  BILLING_CYCLE_LABELS,
  HISTORY_KIND_LABELS,
  SERVICES_WITH_PASSWORD,
  STATUS_COLORS,
  STATUS_LABELS,
} from './client-plans.labels.ts'
import type { ClientPlanDetail, ClientPlanService } from './client-plans.types.ts'
import { usePlanExtraFieldDefinitions } from './extra-fields-modal.tsx'
import { serviceName } from './plan-password-modals.tsx'

/** A booking of the agenda, as GET /agenda/bookings lists it. */
export interface AgendaBooking {
  id: string
  technicianName: string
  roleName: string | null
  startsAt: string
  endsAt: string
  status: 'agendado' | 'cancelado' | 'concluido'
  clientPlanId: string | null
  contactName: string | null
  contactPhone: string | null
}

export const BOOKING_STATUS_LABELS: Record<AgendaBooking['status'], string> = {
  agendado: 'Agendado',
  cancelado: 'Cancelado',
  concluido: 'Concluído',
}

/** '22/11/2026 08:00–10:00 · Carlos Técnico' */
export function bookingLine(b: Pick<AgendaBooking, 'startsAt' | 'endsAt' | 'technicianName'>): string {
  return `${formatDate(b.startsAt)} ${formatTime(b.startsAt)}–${formatTime(b.endsAt)} · ${b.technicianName}`
}

interface PlanDrawerProps {
  planId: string | null
  /** Bumped by the tab after an action, to load the plan again. */
  version: number
  canSecrets: boolean
  canManage: boolean
  onClose: () => void
  onPassword: (plan: ClientPlanDetail, service: ClientPlanService, kind: 'change' | 'reveal') => void
}

/** A client plan's details, its installation bookings and its history (who, when, why). */
export function PlanDrawer({ planId, version, canSecrets, canManage, onClose, onPassword }: PlanDrawerProps) {
  return (
    <Drawer
      opened={planId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Detalhes do plano</Text>}
    >
      {planId ? (
        <PlanDetails
          key={`${planId}-${version}`}
          planId={planId}
          canSecrets={canSecrets}
          canManage={canManage}
          onPassword={onPassword}
        />
      ) : null}
    </Drawer>
  )
}

function PlanDetails({
  planId,
  canSecrets,
  canManage,
  onPassword,
}: {
  planId: string
  canSecrets: boolean
  canManage: boolean
  onPassword: PlanDrawerProps['onPassword']
}) {
  const detail = useApiQuery<ClientPlanDetail>(`/client-plans/${planId}`)
  const bookings = useApiQuery<ItemList<AgendaBooking>>('/agenda/bookings', { clientPlanId: planId })
  const { definitions } = usePlanExtraFieldDefinitions()

  if (detail.error && !detail.data)
    return <LoadError error={detail.error} onRetry={() => void detail.reload()} />
  const plan = detail.data
  if (!plan) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando plano" />
      </Center>
    )
  }
  const extras = Object.entries(plan.extraFields)
  const history = [...plan.history].sort((a, b) => b.createdAt.localeCompare(a.createdAt))

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={2} fz="h3">
            {plan.planName}
          </Title>
          <Badge variant="light" color={STATUS_COLORS[plan.status]}>
            {STATUS_LABELS[plan.status]}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Plano nº {plan.number} · {plan.categoryName} · {formatMoneyCents(plan.priceCents)} por{' '}
          {BILLING_CYCLE_LABELS[plan.billingCycle]} · adicionado em {formatDateTime(plan.createdAt)}
        </Text>
      </Stack>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        <Field label="End. de Instalação">{plan.installationAddress?.line}</Field>
        <Field label="Endereço de cobrança">{plan.billingAddress?.line}</Field>
        <Field label="Forma de pagamento">
          {plan.paymentSummary ? `${plan.paymentLabel} · ${plan.paymentSummary}` : plan.paymentLabel}
        </Field>
        <Field label="Vencimento">{`Todo dia ${plan.dueDay}`}</Field>
        {plan.debitAuthorizedAt ? (
          <Field label="Débito autorizado em">{formatDateTime(plan.debitAuthorizedAt)}</Field>
        ) : null}
        {plan.trialEndsOn ? <Field label="Teste grátis até">{formatDate(plan.trialEndsOn)}</Field> : null}
      </SimpleGrid>

      <Section title="Contrato">
        {plan.contract ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
            <Field label="No. Contrato">{plan.contract.contractNumber}</Field>
            <Field label="Dt. Venda">{formatDate(plan.contract.saleDate)}</Field>
            <Field label="Vl. Tx. Instalação">
              {`${formatMoneyCents(plan.contract.installationFeeCents)} em ${formatCount(plan.contract.installments, 'parcela', 'parcelas')}`}
            </Field>
            <Field label="Validade">{`${plan.contract.validityMonths} meses`}</Field>
            <Field label="Modelo">{plan.contract.templateName ?? 'Modelo padrão'}</Field>
          </SimpleGrid>
        ) : (
          <Text size="sm" c="dimmed">
            Nenhum contrato cadastrado.
          </Text>
        )}
      </Section>

      <Section title="Serviços">
        {plan.services.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhum serviço.
          </Text>
        ) : (
          <Stack gap="xs">
            {plan.services.map((service) => (
              <Group key={service.id} justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} style={{ minWidth: 0, flex: '1 1 240px' }}>
                  <Text size="sm" fw={500}>
                    {service.label}
                  </Text>
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {serviceName(service).slice(service.label.length).trim() || service.ip || '—'}
                  </Text>
                  {service.passwordChangedAt ? (
                    <Text size="xs" c="dimmed">
                      Senha definida em {formatDateTime(service.passwordChangedAt)}
                    </Text>
                  ) : null}
                </Stack>
                {SERVICES_WITH_PASSWORD.includes(service.kind) && canManage && canSecrets ? (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconKey size={14} />}
                      onClick={() => onPassword(plan, service, 'change')}
                      disabled={plan.status === 'cancelado'}
                    >
                      Trocar senha
                    </Button>
                    {service.hasPassword ? (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconEye size={14} />}
                        onClick={() => onPassword(plan, service, 'reveal')}
                      >
                        Ver senha
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Group>
            ))}
          </Stack>
        )}
      </Section>

      <Section title="Agendamentos da instalação">
        {bookings.error ? (
          <Text size="sm" c="dimmed">
            {bookings.error.message}
          </Text>
        ) : !bookings.data ? (
          <Loader size="sm" />
        ) : bookings.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhum agendamento.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} aria-label="Agendamentos da instalação">
            <Table.Tbody>
              {bookings.data.items.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>{bookingLine(b)}</Table.Td>
                  <Table.Td>{b.contactName ?? ''}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={b.status === 'agendado' ? 'blue' : 'gray'}>
                      {BOOKING_STATUS_LABELS[b.status]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      {extras.length > 0 ? (
        <Section title="Campos Extra">
          <Table withTableBorder fz="sm" aria-label="Campos extras do plano">
            <Table.Tbody>
              {extras.map(([name, value]) => (
                <Table.Tr key={name}>
                  <Table.Th w="40%">{definitions.find((d) => d.key === name)?.label ?? name}</Table.Th>
                  <Table.Td>{value || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      ) : null}

      {plan.acknowledgedWarnings.length > 0 ? (
        <Section title="Avisos das regras de cadastro (cientes)">
          <Stack gap={2}>
            {plan.acknowledgedWarnings.map((w) => (
              <Text key={w} size="sm">
                {w}
              </Text>
            ))}
          </Stack>
        </Section>
      ) : null}

      <Section title="Histórico">
        <Timeline bulletSize={14} lineWidth={2} active={history.length} aria-label="Histórico do plano">
          {history.map((entry) => (
            <Timeline.Item
              key={entry.id}
              title={
                <Text size="sm" fw={600}>
                  {HISTORY_KIND_LABELS[entry.kind] ?? entry.kind}
                  {entry.toStatus ? ` → ${STATUS_LABELS[entry.toStatus]}` : ''}
                </Text>
              }
            >
              <Text size="sm">{entry.summary}</Text>
              {entry.reason ? (
                <Text size="sm" c="dimmed">
                  Motivo: {entry.reason}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed" mt={2}>
                {formatDateTime(entry.createdAt)}
                {entry.actorName ? ` · ${entry.actorName}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Section>
    </Stack>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} fz="h5">
        {title}
      </Title>
      {children}
    </Stack>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === ''
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" c={empty ? 'dimmed' : undefined} style={{ wordBreak: 'break-word' }}>
        {empty ? 'Não informado' : children}
      </Text>
    </Stack>
  )
}
