import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core'
import { IconAlertCircle, IconPrinter } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { formatMoneyCents } from '../../../shared/format.ts'
import { ApiError, api, errorMessage } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { SERVICE_LABELS, STATUS_LABELS } from './client-plans.labels.ts'
import type {
  ClientPlan,
  ClientPlanDetail,
  ContractTemplateList,
  Plan,
  PlanStatus,
  ServiceKind,
} from './client-plans.types.ts'
import { ContractFields } from './contract-fields.tsx'
import {
  type ContractValues,
  checkContract,
  checkSchedule,
  checkService,
  contractBody,
  emptyContract,
  emptySchedule,
  emptyService,
  type Errors,
  type ScheduleValues,
  type ServiceValues,
  schedulePath,
  scheduleBody,
  serviceBody,
} from './plan-form.ts'
import { ScheduleFields } from './schedule-fields.tsx'
import { ServiceFields } from './service-fields.tsx'

export interface ActionProps {
  plan: ClientPlan
  opened: boolean
  onClose: () => void
  /** The plan as the server answered after the change. */
  onDone: (plan: ClientPlanDetail | null) => void
}

/** The plan a modal acts on, under its title. */
export function planCaption(plan: ClientPlan): string {
  return `Plano nº ${plan.number} · ${plan.planName}`
}

export function ActionModal({
  title,
  plan,
  opened,
  onClose,
  busy,
  size = 'lg',
  children,
}: {
  title: string
  plan: ClientPlan
  opened: boolean
  onClose: () => void
  busy?: boolean
  size?: string
  children: ReactNode
}) {
  return (
    <Modal
      opened={opened}
      onClose={busy ? () => {} : onClose}
      centered
      size={size}
      title={
        <Stack gap={0}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">
            {planCaption(plan)}
          </Text>
        </Stack>
      }
    >
      {children}
    </Modal>
  )
}

/** A refusal of the server shown inside the modal (e.g. "Plano cancelado não volta a ficar ativo…"). */
export function Refusal({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
      {message}
    </Alert>
  )
}

/** Runs a request: field errors go to `onFields`, the message to the refusal; true when it worked. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  async function run(request: () => Promise<void>, onFields?: (fields: Errors) => void): Promise<boolean> {
    setBusy(true)
    setRefusal(null)
    try {
      await request()
      return true
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0 && onFields)
        onFields(error.fields)
      setRefusal(errorMessage(error))
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, refusal, setRefusal, run }
}

function Buttons({
  onClose,
  busy,
  label,
  extra,
  disabled,
}: {
  onClose: () => void
  busy: boolean
  label: string
  extra?: ReactNode
  disabled?: boolean
}) {
  return (
    <Group justify="flex-end" gap="sm" mt="xs">
      <Button variant="default" onClick={onClose} disabled={busy}>
        Fechar
      </Button>
      {extra}
      <Button type="submit" loading={busy} disabled={disabled}>
        {label}
      </Button>
    </Group>
  )
}

// ── Mudar Status / Cancelar ──────────────────────────────────────────────────────────────────

/**
 * "Mudar Status" (and "Cancelar", which opens it on Cancelado): Ativo, Inativo or Cancelado with the
 * reason. A cancelled plan never returns: the server's refusal shows here.
 */
export function StatusModal({
  plan,
  opened,
  onClose,
  onDone,
  preset,
}: ActionProps & { preset?: PlanStatus }) {
  const initial = preset ?? (plan.status === 'ativo' ? 'inativo' : 'ativo')
  const [status, setStatus] = useState<PlanStatus>(initial)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const { busy, refusal, setRefusal, run } = useAction()
  const cancelling = preset === 'cancelado'

  async function save() {
    if (reason.trim().length < 3) {
      setErrors({ reason: 'Informe o motivo.' })
      return
    }
    let saved: ClientPlanDetail | null = null
    const ok = await run(async () => {
      saved = await api.post<ClientPlanDetail>(`/client-plans/${plan.id}/status`, {
        status,
        reason: reason.trim(),
      })
    }, setErrors)
    if (ok) {
      notifySuccess(`Plano nº ${plan.number}: situação alterada para ${STATUS_LABELS[status]}.`)
      onDone(saved)
    }
  }

  return (
    <ActionModal
      title={cancelling ? 'Cancelar Plano' : 'Mudar Status'}
      plan={plan}
      opened={opened}
      onClose={onClose}
      busy={busy}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            Situação atual: <strong>{STATUS_LABELS[plan.status]}</strong>. Um plano inativo pode voltar a
            ficar ativo; um plano cancelado não volta.
          </Text>
          {cancelling ? null : (
            <Radio.Group
              withAsterisk={false}
              label="Nova situação"
              value={status}
              error={errors.status}
              onChange={(v) => {
                setStatus(v as PlanStatus)
                setRefusal(null)
              }}
            >
              <Group gap="lg" mt={6}>
                {(Object.keys(STATUS_LABELS) as PlanStatus[]).map((s) => (
                  <Radio key={s} value={s} label={STATUS_LABELS[s]} />
                ))}
              </Group>
            </Radio.Group>
          )}
          <Textarea
            label="Motivo"
            required
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            value={reason}
            error={errors.reason}
            onChange={(e) => {
              setReason(e.currentTarget.value)
              setErrors({})
            }}
          />
          <Refusal message={refusal} />
          <Buttons onClose={onClose} busy={busy} label={cancelling ? 'Cancelar plano' : 'Salvar'} />
        </Stack>
      </form>
    </ActionModal>
  )
}

// ── Agendamento ─────────────────────────────────────────────────────────────────────────────

/** "Agendamento": a slot on a technician's or a role's agenda, with the person who will be there. */
export function ScheduleModal({ plan, opened, onClose, onDone }: ActionProps) {
  const [value, setValue] = useState<ScheduleValues>(emptySchedule)
  const [errors, setErrors] = useState<Errors>({})
  const { busy, refusal, run } = useAction()

  async function save() {
    const found = checkSchedule(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    let saved: ClientPlanDetail | null = null
    const ok = await run(
      async () => {
        saved = await api.post<ClientPlanDetail>(`/client-plans/${plan.id}/schedule`, scheduleBody(value))
      },
      (fields) =>
        setErrors(
          Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [schedulePath(`schedule.${k}`, value.mode).slice(9), v]),
          ),
        ),
    )
    if (ok) {
      notifySuccess(`Instalação do plano nº ${plan.number} agendada.`)
      onDone(saved)
    }
  }

  return (
    <ActionModal title="Agendamento" plan={plan} opened={opened} onClose={onClose} busy={busy} size="xl">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="md">
          <ScheduleFields
            clientOrgId={plan.clientOrgId}
            value={value}
            onChange={setValue}
            errors={errors}
            onErrors={setErrors}
          />
          <Refusal message={refusal} />
          <Buttons onClose={onClose} busy={busy} label="Agendar" />
        </Stack>
      </form>
    </ActionModal>
  )
}

// ── Contrato ────────────────────────────────────────────────────────────────────────────────

export function contractPdfUrl(planId: string): string {
  return `/api/v1/client-plans/${planId}/contract.pdf`
}

function contractValues(plan: ClientPlan): ContractValues {
  const c = plan.contract
  if (!c) return emptyContract()
  return {
    contractNumber: c.contractNumber,
    saleDate: c.saleDate.slice(0, 10),
    installationFee: c.installationFeeCents
      ? formatMoneyCents(c.installationFeeCents).replace('R$ ', '')
      : '',
    installments: String(c.installments),
    validityMonths: String(c.validityMonths),
    templateId: c.templateId,
  }
}

/** Seed 5.4.1.1.1 "Contrato do Serviço": the contract's fields, "Salvar" and "Imprimir" (the PDF). */
export function ContractModal({ plan, opened, onClose, onDone }: ActionProps) {
  const templates = useApiQuery<ContractTemplateList>(opened ? '/contract-templates' : null)
  const [value, setValue] = useState<ContractValues>(() => contractValues(plan))
  const [errors, setErrors] = useState<Errors>({})
  const [saved, setSaved] = useState(Boolean(plan.contract))
  const { busy, refusal, run } = useAction()

  async function save() {
    const found = checkContract(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    let detail: ClientPlanDetail | null = null
    const ok = await run(
      async () => {
        detail = await api.put<ClientPlanDetail>(`/client-plans/${plan.id}/contract`, contractBody(value))
      },
      (fields) =>
        setErrors(
          Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [k === 'installationFeeCents' ? 'installationFee' : k, v]),
          ),
        ),
    )
    if (ok) {
      setSaved(true)
      notifySuccess(`Contrato ${value.contractNumber.trim()} salvo.`)
      onDone(detail)
    }
  }

  return (
    <ActionModal
      title="Contrato do Serviço"
      plan={plan}
      opened={opened}
      onClose={onClose}
      busy={busy}
      size="xl"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="md">
          <ContractFields
            value={value}
            onChange={(next) => {
              setValue(next)
            }}
            errors={errors}
            onErrors={setErrors}
            templates={templates.data?.items}
          />
          <Refusal message={refusal} />
          <Buttons
            onClose={onClose}
            busy={busy}
            label="Salvar"
            extra={
              <Tooltip label="Salve o contrato antes de imprimir" disabled={saved}>
                <Button
                  component="a"
                  variant="light"
                  href={saved ? contractPdfUrl(plan.id) : undefined}
                  target="_blank"
                  rel="noopener"
                  leftSection={<IconPrinter size={16} />}
                  disabled={!saved}
                  data-disabled={!saved || undefined}
                  onClick={saved ? onClose : undefined}
                >
                  Imprimir
                </Button>
              </Tooltip>
            }
          />
        </Stack>
      </form>
    </ActionModal>
  )
}

// ── Ad. Serviço ─────────────────────────────────────────────────────────────────────────────

/** Seed 5.4.1.2 "Adicionar Serviço": one more service the plan enables (RADIUS, e-mail, IP, domínio…). */
export function AddServiceModal({ plan, opened, onClose, onDone }: ActionProps) {
  const plans = useApiQuery<ItemList<Plan>>(opened ? '/plans' : null)
  const offered = plans.data?.items.find((p) => p.id === plan.planId)?.services
  const kinds: ServiceKind[] = offered
    ? offered.map((s) => s.kind)
    : (Object.keys(SERVICE_LABELS) as ServiceKind[])
  const [value, setValue] = useState<ServiceValues | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const { busy, refusal, setRefusal, run } = useAction()

  function choose(kind: ServiceKind | null) {
    setErrors({})
    setRefusal(null)
    if (!kind) return setValue(null)
    const config = offered?.find((s) => s.kind === kind)
    const next = emptyService(kind, false, config?.defaultDomain)
    if (kind === 'antivirus' && config?.licences) next.licences = String(config.licences)
    setValue(next)
  }

  async function save() {
    if (!value) {
      setErrors({ kind: 'Escolha o serviço.' })
      return
    }
    const found = checkService(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    let detail: ClientPlanDetail | null = null
    const ok = await run(
      async () => {
        detail = await api.post<ClientPlanDetail>(`/client-plans/${plan.id}/services`, serviceBody(value))
      },
      (fields) =>
        // The body is one service; the API may still name its fields as in a list (`services.0.login`).
        setErrors(
          Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^services\.\d+\./, ''), v])),
        ),
    )
    if (ok) {
      notifySuccess(`Serviço adicionado ao plano nº ${plan.number}: ${SERVICE_LABELS[value.kind]}.`)
      onDone(detail)
    }
  }

  return (
    <ActionModal
      title="Adicionar Serviço"
      plan={plan}
      opened={opened}
      onClose={onClose}
      busy={busy}
      size="xl"
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="md">
          <Select
            label="Serviço"
            required
            placeholder="Escolha o serviço"
            data={kinds.map((k) => ({ value: k, label: SERVICE_LABELS[k] }))}
            value={value?.kind ?? null}
            error={errors.kind}
            onChange={(k) => choose(k as ServiceKind | null)}
            comboboxProps={{ withinPortal: true }}
          />
          {value ? (
            <ServiceFields value={value} onChange={setValue} errors={errors} onErrors={setErrors} alwaysOn />
          ) : null}
          <Refusal message={refusal} />
          <Buttons onClose={onClose} busy={busy} label="Adicionar" />
        </Stack>
      </form>
    </ActionModal>
  )
}
