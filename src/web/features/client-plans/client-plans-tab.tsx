import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  SegmentedControl,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core'
import {
  IconAddressBook,
  IconBan,
  IconCalendarEvent,
  IconCalendarTime,
  IconDots,
  IconEye,
  IconFileText,
  IconKey,
  IconListDetails,
  IconMapPinShare,
  IconPackage,
  IconPlus,
  IconPrinter,
  IconBuildingBank,
  IconRefresh,
  IconSquarePlus,
} from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { formatDate } from '../../../shared/format.ts'
import type { ItemList } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ExportButtons } from '../imports/export-buttons.tsx'
import {
  PLAN_SECRETS_PERMISSION,
  SERVICES_WITH_PASSWORD,
  STATUS_COLORS,
  STATUS_FILTER,
  STATUS_LABELS,
} from './client-plans.labels.ts'
import type { ClientPlan, ClientPlanService, PlanStatus } from './client-plans.types.ts'
import {
  AddServiceModal,
  ContractModal,
  contractPdfUrl,
  ScheduleModal,
  StatusModal,
} from './plan-action-modals.tsx'
import { ExtraFieldsModal } from './extra-fields-modal.tsx'
import { AddressTransferModal, DebitAuthorizationModal, DueDayModal } from './plan-document-modals.tsx'
import { type AgendaBooking, bookingLine, PlanDrawer } from './plan-drawer.tsx'
import { ChangeServicePasswordModal, RevealPasswordModal, serviceName } from './plan-password-modals.tsx'

type Action =
  | { kind: 'cancel' }
  | { kind: 'status' }
  | { kind: 'schedule' }
  | { kind: 'contract' }
  | { kind: 'service' }
  | { kind: 'transfer' }
  | { kind: 'dueDay' }
  | { kind: 'debit' }
  | { kind: 'extra' }
  | { kind: 'password'; service: ClientPlanService }
  | { kind: 'reveal'; service: ClientPlanService }

interface Open {
  plan: ClientPlan
  action: Action
}

/** Today in São Paulo ('YYYY-MM-DD'), to list the bookings still to come. */
function today(): string {
  const [d, m, y] = formatDate(new Date()).split('/')
  return `${y}-${m}-${d}`
}

/** Cadastro de Cliente → aba "Planos" (seed 003): the client's plans by status and every action on them. */
export function ClientPlansTab({ clientOrgId }: { clientOrgId: string }) {
  const { can } = useSession()
  const canManage = can(PERMISSIONS.plansManage)
  const canSecrets = can(PLAN_SECRETS_PERMISSION)
  // The filter lives in the URL (`?aba=planos&situacao=inativo`): the wizard comes back to the new plan's status.
  const [params, setParams] = useSearchParams()
  const requested = params.get('situacao') as PlanStatus | null
  const status: PlanStatus = requested && requested in STATUS_LABELS ? requested : 'ativo'
  const setStatus = (next: PlanStatus) => {
    const search = new URLSearchParams(params)
    if (next === 'ativo') search.delete('situacao')
    else search.set('situacao', next)
    setParams(search, { replace: true })
  }
  const plans = useApiQuery<ItemList<ClientPlan>>(`/client-orgs/${clientOrgId}/plans`, { status })
  const bookings = useApiQuery<ItemList<AgendaBooking>>(canManage ? '/agenda/bookings' : null, {
    clientOrgId,
    status: 'agendado',
    from: today(),
  })
  const [open, setOpen] = useState<Open | null>(null)
  const [drawer, setDrawer] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  const nextBooking = new Map<string, AgendaBooking>()
  for (const b of [...(bookings.data?.items ?? [])].sort((x, y) => x.startsAt.localeCompare(y.startsAt))) {
    if (b.clientPlanId && !nextBooking.has(b.clientPlanId)) nextBooking.set(b.clientPlanId, b)
  }

  function done() {
    setOpen(null)
    setVersion((v) => v + 1)
    void plans.reload()
    void bookings.reload()
  }

  const close = () => setOpen(null)
  const actionProps = open ? { plan: open.plan, opened: true, onClose: close, onDone: done } : null
  const key = open ? `${open.plan.id}-${open.action.kind}` : ''

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Situação dos planos"
          value={status}
          onChange={(v) => setStatus(v as PlanStatus)}
          data={STATUS_FILTER}
        />
        <Group gap="sm">
          {/* The export needs plans:manage too (besides imports:run, which the menu checks). */}
          {canManage ? <ExportButtons list={`client-orgs/${clientOrgId}/plans`} params={{ status }} /> : null}
          {canManage ? (
            <Button
              component={Link}
              to={`/clientes/${clientOrgId}/planos/novo`}
              leftSection={<IconPlus size={18} />}
            >
              Adicionar Plano
            </Button>
          ) : null}
        </Group>
      </Group>

      {plans.error && !plans.data ? (
        <LoadError error={plans.error} onRetry={() => void plans.reload()} />
      ) : !plans.data ? (
        <Center py="xl">
          <Loader aria-label="Carregando planos" />
        </Center>
      ) : plans.data.items.length === 0 ? (
        <EmptyState
          icon={<IconPackage size={28} stroke={1.5} />}
          title={`Nenhum plano ${STATUS_LABELS[status].toLowerCase()}`}
          description={
            status === 'ativo'
              ? 'Os planos vendidos a este cliente aparecem aqui.'
              : 'Escolha outra situação acima para ver os demais planos.'
          }
        >
          {canManage && status === 'ativo' ? (
            <Button component={Link} to={`/clientes/${clientOrgId}/planos/novo`} variant="light">
              Adicionar Plano
            </Button>
          ) : null}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Planos do cliente">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nº</Table.Th>
                <Table.Th>Plano</Table.Th>
                <Table.Th>Categoria</Table.Th>
                <Table.Th>Endereço de instalação</Table.Th>
                <Table.Th>Forma de pagamento</Table.Th>
                <Table.Th>Vencimento</Table.Th>
                <Table.Th miw={120}>Situação</Table.Th>
                <Table.Th>Instalação agendada</Table.Th>
                <Table.Th w={48}>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.items.map((plan) => {
                const booking = nextBooking.get(plan.id)
                return (
                  <Table.Tr
                    key={plan.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setDrawer(plan.id)}
                    aria-label={`Plano nº ${plan.number} ${plan.planName}`}
                  >
                    <Table.Td>{plan.number}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {plan.planName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{plan.categoryName}</Table.Td>
                    <Table.Td maw={260}>
                      <Text size="sm" lineClamp={2}>
                        {plan.installationAddress?.line ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{plan.paymentLabel}</Table.Td>
                    <Table.Td>Dia {plan.dueDay}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[plan.status]}>
                        {STATUS_LABELS[plan.status]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{booking ? bookingLine(booking) : '—'}</Text>
                    </Table.Td>
                    <Table.Td onClick={(e) => e.stopPropagation()}>
                      {canManage ? (
                        <PlanMenu
                          plan={plan}
                          canSecrets={canSecrets}
                          onAction={(action) => setOpen({ plan, action })}
                        />
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {open && actionProps ? (
        <>
          {open.action.kind === 'cancel' ? (
            <StatusModal key={key} {...actionProps} preset="cancelado" />
          ) : null}
          {open.action.kind === 'status' ? <StatusModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'schedule' ? <ScheduleModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'contract' ? <ContractModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'service' ? <AddServiceModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'transfer' ? <AddressTransferModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'dueDay' ? <DueDayModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'debit' ? <DebitAuthorizationModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'extra' ? <ExtraFieldsModal key={key} {...actionProps} /> : null}
          {open.action.kind === 'password' ? (
            <ChangeServicePasswordModal
              key={key}
              plan={open.plan}
              service={open.action.service}
              opened
              onClose={close}
              onDone={done}
            />
          ) : null}
          {open.action.kind === 'reveal' ? (
            <RevealPasswordModal
              key={key}
              plan={open.plan}
              service={open.action.service}
              opened
              onClose={close}
            />
          ) : null}
        </>
      ) : null}

      <PlanDrawer
        planId={drawer}
        version={version}
        canSecrets={canSecrets}
        canManage={canManage}
        onClose={() => setDrawer(null)}
        onPassword={(plan, service, kind) =>
          setOpen({
            plan,
            action: kind === 'change' ? { kind: 'password', service } : { kind: 'reveal', service },
          })
        }
      />
    </Stack>
  )
}

/** Seed 5.4.1: the actions on one plan (the desktop's right-click menu). */
function PlanMenu({
  plan,
  canSecrets,
  onAction,
}: {
  plan: ClientPlan
  canSecrets: boolean
  onAction: (action: Action) => void
}) {
  const cancelled = plan.status === 'cancelado'
  const withPassword = plan.services.filter((s) => SERVICES_WITH_PASSWORD.includes(s.kind))
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={260}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Ações do plano nº ${plan.number}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconBan size={16} />}
          color="red"
          disabled={cancelled}
          onClick={() => onAction({ kind: 'cancel' })}
        >
          Cancelar
        </Menu.Item>
        <Menu.Item
          leftSection={<IconCalendarEvent size={16} />}
          disabled={cancelled}
          onClick={() => onAction({ kind: 'schedule' })}
        >
          Agendamento
        </Menu.Item>
        <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => onAction({ kind: 'contract' })}>
          Contrato
        </Menu.Item>
        <Menu.Item
          leftSection={<IconSquarePlus size={16} />}
          disabled={cancelled}
          onClick={() => onAction({ kind: 'service' })}
        >
          Ad. Serviço
        </Menu.Item>
        <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => onAction({ kind: 'status' })}>
          Mudar Status
        </Menu.Item>
        <Menu.Sub position="left-start">
          <Menu.Sub.Target>
            <Menu.Sub.Item leftSection={<IconAddressBook size={16} />}>Documento</Menu.Sub.Item>
          </Menu.Sub.Target>
          <Menu.Sub.Dropdown>
            <Menu.Item
              leftSection={<IconPrinter size={16} />}
              component="a"
              href={plan.contract ? contractPdfUrl(plan.id) : undefined}
              target="_blank"
              rel="noopener"
              disabled={!plan.contract}
            >
              Imprimir contrato
            </Menu.Item>
            <Menu.Item
              leftSection={<IconMapPinShare size={16} />}
              disabled={cancelled}
              onClick={() => onAction({ kind: 'transfer' })}
            >
              Alterar Endereço
            </Menu.Item>
            <Menu.Item
              leftSection={<IconCalendarTime size={16} />}
              disabled={cancelled}
              onClick={() => onAction({ kind: 'dueDay' })}
            >
              Alterar Vencimento
            </Menu.Item>
            <Menu.Item
              leftSection={<IconBuildingBank size={16} />}
              disabled={cancelled}
              onClick={() => onAction({ kind: 'debit' })}
            >
              Autorização de Débito Bancário
            </Menu.Item>
          </Menu.Sub.Dropdown>
        </Menu.Sub>
        <Menu.Item
          leftSection={<IconListDetails size={16} />}
          disabled={cancelled}
          onClick={() => onAction({ kind: 'extra' })}
        >
          Campos Extra
        </Menu.Item>
        {canSecrets && withPassword.length > 0 ? (
          <>
            <Menu.Divider />
            <Menu.Label>Senhas dos serviços</Menu.Label>
            {withPassword.map((service) => (
              <Menu.Item
                key={`change-${service.id}`}
                leftSection={<IconKey size={16} />}
                disabled={cancelled}
                onClick={() => onAction({ kind: 'password', service })}
              >
                Trocar senha — {serviceName(service)}
              </Menu.Item>
            ))}
            {withPassword
              .filter((s) => s.hasPassword)
              .map((service) => (
                <Menu.Item
                  key={`reveal-${service.id}`}
                  leftSection={<IconEye size={16} />}
                  onClick={() => onAction({ kind: 'reveal', service })}
                >
                  Ver senha — {serviceName(service)}
                </Menu.Item>
              ))}
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  )
}
