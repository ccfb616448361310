import {
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core'
import { useWindowEvent } from '@mantine/hooks'
import { IconArrowLeft, IconArrowRight, IconCalendarPlus, IconCheck } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { Link, useBlocker, useNavigate, useParams } from 'react-router'
import { ApiError, api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { addressLines } from '../client-orgs/client-org-page.tsx'
import { ADDRESS_KINDS } from '../client-orgs/client-orgs.labels.ts'
import type { ClientOrgDetail } from '../client-orgs/client-orgs.types.ts'
import { NewAddressModal } from './address-form.tsx'
import { addressLine } from './address.ts'
import type {
  AddClientPlanBody,
  ClientPlan,
  ContractTemplateList,
  Plan,
  RuleAlert,
} from './client-plans.types.ts'
import {
  BILLING_STEP,
  checkStep,
  type Errors,
  emptyValues,
  type NewAddress,
  PLAN_STEP,
  type PlanWizardValues,
  SCHEDULE_STEP,
  STEP_PREFIXES,
  STEPS,
  SUMMARY_STEP,
  stepOfField,
  toBody,
  without,
  wizardPath,
} from './plan-form.ts'
import { PlanSummary } from './plan-summary.tsx'
import { RulesAlertModal } from './rules-alert-modal.tsx'
import { ScheduleFields } from './schedule-fields.tsx'
import { type AddressOption, BillingStep, PlanStep } from './wizard-steps.tsx'

export const SUCCESS_MESSAGE = 'Plano adicionado com sucesso!'

/** `/clientes/:id/planos/novo`: seed 003 "Novo Plano Cliente". */
export function NewClientPlanPage() {
  const { id = '' } = useParams()
  const org = useApiQuery<ClientOrgDetail>(`/client-orgs/${encodeURIComponent(id)}`)
  if (org.error?.status === 404 || org.error?.status === 400) return <NotFoundContent />
  if (org.error && !org.data) return <LoadError error={org.error} onRetry={() => void org.reload()} />
  if (!org.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando cliente" />
      </Center>
    )
  }
  return <NewClientPlanWizard org={org.data} />
}

/** Default billing address: the client's billing one, else the main one. */
function defaultBillingAddress(org: ClientOrgDetail): string | null {
  return (
    org.addresses.find((a) => a.kind === 'cobranca')?.id ??
    org.addresses.find((a) => a.kind === 'principal')?.id ??
    null
  )
}

interface Pending {
  body: AddClientPlanBody
  serviceIndex: number[]
  alerts: RuleAlert[]
}

function NewClientPlanWizard({ org }: { org: ClientOrgDetail }) {
  const navigate = useNavigate()
  const tabPath = `/clientes/${org.id}?aba=planos`
  const plans = useApiQuery<ItemList<Plan>>('/plans', { active: 'true' })
  const templates = useApiQuery<ContractTemplateList>('/contract-templates')

  const [values, setValuesState] = useState<PlanWizardValues>(() => ({
    ...emptyValues(),
    billing: { ...emptyValues().billing, addressId: defaultBillingAddress(org) },
  }))
  const [errors, setErrors] = useState<Errors>({})
  const [created, setCreated] = useState<NewAddress[]>([])
  const [active, setActive] = useState(PLAN_STEP)
  const [reached, setReached] = useState(PLAN_STEP)
  const [addressFor, setAddressFor] = useState<'installation' | 'billing' | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [saving, setSaving] = useState(false)
  const [dirty, setDirty] = useState(false)
  const leaving = useRef(false)

  const setValues = (update: (current: PlanWizardValues) => PlanWizardValues) => {
    setValuesState(update)
    setDirty(true)
  }

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  )
  useWindowEvent('beforeunload', (event) => {
    if (dirty && !leaving.current) event.preventDefault()
  })

  const addressOptions: AddressOption[] = [
    ...org.addresses.map((a) => ({
      value: a.id,
      label: `${ADDRESS_KINDS[a.kind]}: ${addressLines(a).join(' · ')}`,
    })),
    ...created.map((a) => ({ value: a.key, label: `Novo: ${addressLine(a.address)}` })),
  ]
  const addressLabel = (id: string | null) => addressOptions.find((o) => o.value === id)?.label ?? null
  const plan = plans.data?.items.find((p) => p.id === values.planId)

  // ── steps ────────────────────────────────────────────────────────────────────────────────

  /** Checks the steps before `target`; stops on the first with errors. */
  function checkUpTo(target: number): boolean {
    for (let s = PLAN_STEP; s < target; s++) {
      if (s === SUMMARY_STEP) continue
      const found = checkStep(s, values)
      setErrors((current) => ({ ...without(current, STEP_PREFIXES[s]), ...found }))
      if (Object.keys(found).length > 0) {
        show(s)
        return false
      }
    }
    return true
  }

  function show(step: number) {
    setActive(step)
    window.scrollTo({ top: 0 })
  }

  function goTo(step: number) {
    if (step <= active) {
      show(step)
      return
    }
    if (!checkUpTo(step)) return
    // Billing goes to the installation address unless another one is chosen.
    if (step >= BILLING_STEP && !values.billing.addressId && values.installationAddressId) {
      const installationAddressId = values.installationAddressId
      setValuesState((v) => ({ ...v, billing: { ...v.billing, addressId: installationAddressId } }))
    }
    show(step)
    setReached((r) => Math.max(r, step))
  }

  function stepHasErrors(step: number): boolean {
    return Object.entries(errors).some(([path, message]) => message && stepOfField(path) === step)
  }

  // ── "Finalizar" ──────────────────────────────────────────────────────────────────────────

  function showServerErrors(error: unknown, serviceIndex: number[], withSchedule: boolean) {
    if (!(error instanceof ApiError)) return
    const fields: Errors = {}
    for (const [path, message] of Object.entries(error.fields)) {
      const target = wizardPath(path, serviceIndex, values.schedule.mode, {
        message,
        services: values.services,
      })
      if (target) fields[target] = message
    }
    if (Object.keys(fields).length === 0) {
      if (error.code.startsWith('AGENDA_') && withSchedule) fields['schedule.startTime'] = error.message
      else if (error.code === 'CONTACT_NOT_FOUND') fields['schedule.contactId'] = error.message
      else if (error.code === 'ADDRESS_NOT_FOUND') fields.installationAddressId = error.message
      else if (error.code === 'TEMPLATE_NOT_FOUND') fields['contract.templateId'] = error.message
      else if (error.code.startsWith('SERVICE_') || error.code === 'PLAN_INACTIVE')
        fields.planId = error.message
    }
    const paths = Object.keys(fields)
    if (paths.length === 0) return
    setErrors((current) => ({ ...current, ...fields }))
    show(Math.min(...paths.map(stepOfField)))
  }

  async function submit(body: AddClientPlanBody, acknowledgedRuleIds: string[]) {
    const created = await api.post<ClientPlan>(`/client-orgs/${org.id}/plans`, {
      ...body,
      acknowledgedRuleIds,
    })
    leaving.current = true
    setPending(null)
    notifySuccess(SUCCESS_MESSAGE)
    // Back to the Planos tab, on the status the plan took ("conforme configuração do Plano").
    navigate(created.status === 'ativo' ? tabPath : `${tabPath}&situacao=${created.status}`)
  }

  async function check(body: AddClientPlanBody, serviceIndex: number[]): Promise<boolean> {
    const { alerts } = await api.post<{ alerts: RuleAlert[] }>(`/client-orgs/${org.id}/plans/check`, body)
    if (alerts.length === 0) return true
    setPending({ body, serviceIndex, alerts })
    return false
  }

  async function finish(withSchedule: boolean) {
    const steps = withSchedule ? [PLAN_STEP, BILLING_STEP, SCHEDULE_STEP] : [PLAN_STEP, BILLING_STEP]
    for (const s of steps) {
      const found = checkStep(s, values)
      setErrors((current) => ({ ...without(current, STEP_PREFIXES[s]), ...found }))
      if (Object.keys(found).length > 0) {
        show(s)
        return
      }
    }
    const { body, serviceIndex } = toBody(values, created, { withSchedule })
    setSaving(true)
    try {
      if (await check(body, serviceIndex)) await submit(body, [])
    } catch (error) {
      if (error instanceof ApiError && /^PLAN_RULES_/.test(error.code)) {
        // The rules changed between the check and the save: show them again.
        await check(body, serviceIndex).catch(() => {})
      }
      showServerErrors(error, serviceIndex, withSchedule)
      notifyError(error, 'Não foi possível adicionar o plano')
    } finally {
      setSaving(false)
    }
  }

  async function confirmAlerts(acknowledgedRuleIds: string[]) {
    if (!pending) return
    setSaving(true)
    try {
      await submit(pending.body, acknowledgedRuleIds)
    } catch (error) {
      setPending(null)
      showServerErrors(error, pending.serviceIndex, Boolean(pending.body.schedule))
      notifyError(error, 'Não foi possível adicionar o plano')
    } finally {
      setSaving(false)
    }
  }

  // ── render ───────────────────────────────────────────────────────────────────────────────

  return (
    <>
      <Anchor component={Link} to={tabPath} size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> {org.name}
      </Anchor>
      <PageHeader
        title="Novo Plano Cliente"
        description={
          <>
            Cliente: <strong>{org.name}</strong> · {org.document}
          </>
        }
      />

      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Stepper
          active={active}
          onStepClick={goTo}
          size="sm"
          aria-label="Etapas do novo plano"
          styles={{ content: { paddingTop: 'var(--mantine-spacing-lg)' } }}
        >
          {STEPS.map((label, index) => (
            <Stepper.Step
              key={label}
              label={label}
              description={index === SCHEDULE_STEP ? 'Opcional' : undefined}
              aria-label={`Etapa ${index + 1} de ${STEPS.length}: ${label}`}
              allowStepSelect={index <= reached || (index === SCHEDULE_STEP && reached >= SUMMARY_STEP)}
              color={stepHasErrors(index) ? 'red' : undefined}
            >
              {index === PLAN_STEP ? (
                <PlanStep
                  values={values}
                  setValues={setValues}
                  errors={errors}
                  setErrors={setErrors}
                  plans={plans.data?.items}
                  plansError={plans.error?.message ?? null}
                  addressOptions={addressOptions}
                  onNewAddress={() => setAddressFor('installation')}
                />
              ) : null}
              {index === BILLING_STEP ? (
                <BillingStep
                  values={values}
                  setValues={setValues}
                  errors={errors}
                  setErrors={setErrors}
                  templates={templates.data?.items}
                  addressOptions={addressOptions}
                  onNewAddress={() => setAddressFor('billing')}
                />
              ) : null}
              {index === SUMMARY_STEP ? (
                <Stack gap="sm">
                  <Title order={2} fz="h4">
                    Dados do Plano
                  </Title>
                  <PlanSummary
                    values={values}
                    plan={plan}
                    addressLabel={addressLabel}
                    templates={templates.data?.items ?? []}
                  />
                  <Text size="sm" c="dimmed">
                    Confira os dados. “Finalizar” adiciona o plano agora; “Agendar Instalação” escolhe antes o
                    horário da instalação.
                  </Text>
                </Stack>
              ) : null}
              {index === SCHEDULE_STEP ? (
                <Stack gap="sm">
                  <Title order={2} fz="h4">
                    Agendamento da Instalação
                  </Title>
                  <ScheduleFields
                    clientOrgId={org.id}
                    value={values.schedule}
                    onChange={(next) => setValues((v) => ({ ...v, schedule: next }))}
                    errors={Object.fromEntries(
                      Object.entries(errors)
                        .filter(([k]) => k.startsWith('schedule.'))
                        .map(([k, v]) => [k.slice('schedule.'.length), v]),
                    )}
                    onErrors={(next) =>
                      setErrors((current) => ({
                        ...without(current, ['schedule']),
                        ...Object.fromEntries(Object.entries(next).map(([k, v]) => [`schedule.${k}`, v])),
                      }))
                    }
                  />
                </Stack>
              ) : null}
            </Stepper.Step>
          ))}
        </Stepper>

        <Group justify="space-between" mt="xl" gap="sm">
          <Button variant="subtle" color="gray" onClick={() => navigate(tabPath)} disabled={saving}>
            Cancelar
          </Button>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => show(Math.max(PLAN_STEP, active - 1))}
              disabled={active === PLAN_STEP || saving}
            >
              Voltar
            </Button>
            {active < SUMMARY_STEP ? (
              <Button rightSection={<IconArrowRight size={16} />} onClick={() => goTo(active + 1)}>
                Avançar
              </Button>
            ) : null}
            {active === SUMMARY_STEP ? (
              <Button
                variant="light"
                leftSection={<IconCalendarPlus size={16} />}
                onClick={() => goTo(SCHEDULE_STEP)}
                disabled={saving}
              >
                Agendar Instalação
              </Button>
            ) : null}
            {active >= SUMMARY_STEP ? (
              <Button
                leftSection={<IconCheck size={16} />}
                onClick={() => void finish(active === SCHEDULE_STEP)}
                loading={saving}
              >
                Finalizar
              </Button>
            ) : null}
          </Group>
        </Group>
      </Paper>

      <NewAddressModal
        opened={addressFor !== null}
        title={addressFor === 'billing' ? 'Novo Endereço de cobrança' : 'Novo Endereço'}
        onClose={() => setAddressFor(null)}
        onSave={(address) => {
          const key = `novo-${created.length + 1}`
          setCreated((list) => [...list, { key, address }])
          if (addressFor === 'billing')
            setValues((v) => ({ ...v, billing: { ...v.billing, addressId: key } }))
          else setValues((v) => ({ ...v, installationAddressId: key }))
          setErrors((e) => without(e, ['installationAddressId', 'billing.addressId']))
        }}
      />

      <RulesAlertModal
        alerts={pending?.alerts ?? null}
        busy={saving}
        onClose={() => setPending(null)}
        onConfirm={(ids) => void confirmAlerts(ids)}
      />

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Sair sem finalizar?"
        centered
      >
        <Stack gap="lg">
          <Text size="sm">
            O plano ainda não foi adicionado: nada é gravado antes de você clicar em Finalizar. Os dados
            preenchidos serão descartados.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Continuar preenchendo
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Sair sem salvar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
