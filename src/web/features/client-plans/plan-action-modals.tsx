import {
  Alert,
  Button,
  Group,
  type MantineSpacing,
  Modal,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core'
import { IconAlertCircle, IconPrinter } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { formatMoneyCents } from '../../../shared/format.ts'
import { ApiError, api, errorMessage } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifySuccess } from '../../shared/ui/errors.ts'
import { FormActions, ModalForm } from '../../shared/ui/modal-form.tsx'
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

/** The API's field messages under the names the form gives those fields. */
function renameFields(fields: Errors, rename: (path: string) => string): Errors {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [rename(path), message]))
}

/** useAction for a change of the plan: when `save` worked, `success` shows and `onDone` gets the plan. */
export function usePlanChange(onDone: ActionProps['onDone']) {
  const action = useAction()
  async function save(
    request: () => Promise<ClientPlanDetail>,
    success: string,
    onFields?: (fields: Errors) => void,
  ): Promise<boolean> {
    let detail: ClientPlanDetail | null = null
    const ok = await action.run(async () => {
      detail = await request()
    }, onFields)
    if (ok) {
      notifySuccess(success)
      onDone(detail)
    }
    return ok
  }
  return { ...action, save }
}

interface ActionFormModalProps extends Omit<ActionProps, 'onDone'> {
  title: string
  size?: string
  /** From usePlanChange: the buttons wait while busy, the server's refusal shows above them. */
  action: { busy: boolean; refusal: string | null }
  onSubmit: () => void | Promise<void>
  submitLabel: string
  /** More buttons, between "Fechar" and the submit one. */
  extra?: ReactNode
  /** Space above the buttons. */
  actionsMt?: MantineSpacing
  children: ReactNode
}

/** An action on the plan as a form: its fields, the server's refusal, then "Fechar" and submit. */
export function ActionFormModal({
  title,
  plan,
  opened,
  onClose,
  size,
  action: { busy, refusal },
  onSubmit,
  submitLabel,
  extra,
  actionsMt = 'xs',
  children,
}: ActionFormModalProps) {
  return (
    <ActionModal title={title} plan={plan} opened={opened} onClose={onClose} busy={busy} size={size}>
      <ModalForm
        noValidate
        onSubmit={onSubmit}
        actions={
          <FormActions
            busy={busy}
            onCancel={onClose}
            cancelLabel="Fechar"
            submitLabel={submitLabel}
            gap="sm"
            mt={actionsMt}
          >
            {extra}
          </FormActions>
        }
      >
        {children}
        <Refusal message={refusal} />
      </ModalForm>
    </ActionModal>
  )
}

// ── Mudar Status / Cancelar ──────────────────────────────────────────────────────────────────

/**
 * "Mudar Status" (and "Cancelar", which opens it on Cancelado): Ativo, Inativo or Cancelado with the
 * reason. A cancelled plan never returns: the server's refusal shows here.
 */
export function StatusModal(props: ActionProps & { preset?: PlanStatus }) {
  const { plan, onDone, preset } = props
  const initial = preset ?? (plan.status === 'ativo' ? 'inativo' : 'ativo')
  const [status, setStatus] = useState<PlanStatus>(initial)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const action = usePlanChange(onDone)
  const cancelling = preset === 'cancelado'

  async function submit() {
    if (reason.trim().length < 3) {
      setErrors({ reason: 'Informe o motivo.' })
      return
    }
    await action.save(
      () => api.post<ClientPlanDetail>(`/client-plans/${plan.id}/status`, { status, reason: reason.trim() }),
      `Plano nº ${plan.number}: situação alterada para ${STATUS_LABELS[status]}.`,
      setErrors,
    )
  }

  return (
    <ActionFormModal
      {...props}
      action={action}
      title={cancelling ? 'Cancelar Plano' : 'Mudar Status'}
      onSubmit={submit}
      submitLabel={cancelling ? 'Cancelar plano' : 'Salvar'}
    >
      <Text size="sm">
        Situação atual: <strong>{STATUS_LABELS[plan.status]}</strong>. Um plano inativo pode voltar a ficar
        ativo; um plano cancelado não volta.
      </Text>
      {cancelling ? null : (
        <Radio.Group
          withAsterisk={false}
          label="Nova situação"
          value={status}
          error={errors.status}
          onChange={(v) => {
            setStatus(v as PlanStatus)
            action.setRefusal(null)
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
    </ActionFormModal>
  )
}

// ── Agendamento ─────────────────────────────────────────────────────────────────────────────

/** "Agendamento": a slot on a technician's or a role's agenda, with the person who will be there. */
export function ScheduleModal(props: ActionProps) {
  const { plan, onDone } = props
  const [value, setValue] = useState<ScheduleValues>(emptySchedule)
  const [errors, setErrors] = useState<Errors>({})
  const action = usePlanChange(onDone)

  async function submit() {
    const found = checkSchedule(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    await action.save(
      () => api.post<ClientPlanDetail>(`/client-plans/${plan.id}/schedule`, scheduleBody(value)),
      `Instalação do plano nº ${plan.number} agendada.`,
      (fields) => setErrors(renameFields(fields, (k) => schedulePath(`schedule.${k}`, value.mode).slice(9))),
    )
  }

  return (
    <ActionFormModal
      {...props}
      action={action}
      title="Agendamento"
      size="xl"
      onSubmit={submit}
      submitLabel="Agendar"
    >
      <ScheduleFields
        clientOrgId={plan.clientOrgId}
        value={value}
        onChange={setValue}
        errors={errors}
        onErrors={setErrors}
      />
    </ActionFormModal>
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
export function ContractModal(props: ActionProps) {
  const { plan, opened, onClose, onDone } = props
  const templates = useApiQuery<ContractTemplateList>(opened ? '/contract-templates' : null)
  const [value, setValue] = useState<ContractValues>(() => contractValues(plan))
  const [errors, setErrors] = useState<Errors>({})
  const [saved, setSaved] = useState(Boolean(plan.contract))
  const action = usePlanChange(onDone)

  async function submit() {
    const found = checkContract(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const ok = await action.save(
      () => api.put<ClientPlanDetail>(`/client-plans/${plan.id}/contract`, contractBody(value)),
      `Contrato ${value.contractNumber.trim()} salvo.`,
      (fields) =>
        setErrors(renameFields(fields, (k) => (k === 'installationFeeCents' ? 'installationFee' : k))),
    )
    if (ok) setSaved(true)
  }

  return (
    <ActionFormModal
      {...props}
      action={action}
      title="Contrato do Serviço"
      size="xl"
      onSubmit={submit}
      submitLabel="Salvar"
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
    >
      <ContractFields
        value={value}
        onChange={setValue}
        errors={errors}
        onErrors={setErrors}
        templates={templates.data?.items}
      />
    </ActionFormModal>
  )
}

// ── Ad. Serviço ─────────────────────────────────────────────────────────────────────────────

/** Seed 5.4.1.2 "Adicionar Serviço": one more service the plan enables (RADIUS, e-mail, IP, domínio…). */
export function AddServiceModal(props: ActionProps) {
  const { plan, opened, onDone } = props
  const plans = useApiQuery<ItemList<Plan>>(opened ? '/plans' : null)
  const offered = plans.data?.items.find((p) => p.id === plan.planId)?.services
  const kinds: ServiceKind[] = offered
    ? offered.map((s) => s.kind)
    : (Object.keys(SERVICE_LABELS) as ServiceKind[])
  const [value, setValue] = useState<ServiceValues | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const action = usePlanChange(onDone)

  function choose(kind: ServiceKind | null) {
    setErrors({})
    action.setRefusal(null)
    if (!kind) return setValue(null)
    const config = offered?.find((s) => s.kind === kind)
    const next = emptyService(kind, false, config?.defaultDomain)
    if (kind === 'antivirus' && config?.licences) next.licences = String(config.licences)
    setValue(next)
  }

  async function submit() {
    if (!value) {
      setErrors({ kind: 'Escolha o serviço.' })
      return
    }
    const found = checkService(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    await action.save(
      () => api.post<ClientPlanDetail>(`/client-plans/${plan.id}/services`, serviceBody(value)),
      `Serviço adicionado ao plano nº ${plan.number}: ${SERVICE_LABELS[value.kind]}.`,
      // The body is one service; the API may still name its fields as in a list (`services.0.login`).
      (fields) => setErrors(renameFields(fields, (k) => k.replace(/^services\.\d+\./, ''))),
    )
  }

  return (
    <ActionFormModal
      {...props}
      action={action}
      title="Adicionar Serviço"
      size="xl"
      onSubmit={submit}
      submitLabel="Adicionar"
    >
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
    </ActionFormModal>
  )
}
