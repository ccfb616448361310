import {
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Stepper,
  Text,
  useMantineTheme,
} from '@mantine/core'
import { useMediaQuery, useWindowEvent } from '@mantine/hooks'
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useBlocker, useNavigate, useParams } from 'react-router'
import { ApiError, api } from '../../shared/api.ts'
import type { ItemList } from '../../shared/paged.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { DEFAULT_ACCESS_LEVELS } from './client-users.labels.ts'
import type {
  ClientUser,
  ClientUserCompany,
  ClientUserOptions,
  Department,
  NotificationChannel,
} from './client-users.types.ts'
import { SendInvitationDialog } from './send-invitation-dialog.tsx'
import { CompaniesStep } from './step-companies.tsx'
import { DepartmentsStep } from './step-departments.tsx'
import { GeneralStep } from './step-general.tsx'
import { NotificationsStep } from './step-notifications.tsx'
import { PermissionsStep } from './step-permissions.tsx'
import { SummaryStep } from './step-summary.tsx'
import {
  emailError,
  emptyValues,
  type SendChoice,
  STEPS,
  SUMMARY_STEP,
  setStepErrors,
  stepOfField,
  validateStep,
  type WizardValues,
  useWizardForm,
  valuesFromUser,
} from './wizard-form.ts'

const LIST_PATH = '/usuarios'

/** `/usuarios/novo` and `/usuarios/:id`: the ONVIO-style client user wizard. */
export function ClientUserWizardPage() {
  const { id } = useParams()
  const user = useApiQuery<ClientUser>(id ? `/client-users/${encodeURIComponent(id)}` : null)

  if (!id) return <ClientUserWizard key="new" existing={null} />
  if (user.error?.status === 404 || user.error?.status === 400) return <NotFoundContent />
  if (user.error) return <LoadError error={user.error} onRetry={() => void user.reload()} />
  if (!user.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando usuário" />
      </Center>
    )
  }
  return <ClientUserWizard key={user.data.id} existing={user.data} />
}

function ClientUserWizard({ existing }: { existing: ClientUser | null }) {
  const navigate = useNavigate()
  const { can } = useSession()
  const canSend = can(PERMISSIONS.invitationsSend)
  const options = useApiQuery<ClientUserOptions>('/client-users/options')
  const departments = useApiQuery<ItemList<Department>>('/departments')

  const initial = useRef<WizardValues>(existing ? valuesFromUser(existing) : emptyValues())
  const form = useWizardForm(initial.current)
  const [active, setActive] = useState(0)
  const [reached, setReached] = useState(existing ? SUMMARY_STEP : 0)
  const [send, setSend] = useState<SendChoice | null>(null)
  const [asking, setAsking] = useState(false)
  const [saving, setSaving] = useState(false)
  const [known, setKnown] = useState(
    () => new Map<string, ClientUserCompany>((existing?.companies ?? []).map((c) => [c.id, c])),
  )
  const leaving = useRef(false)
  const theme = useMantineTheme()
  // On phones only the current step shows its name (the others keep it in their accessible name).
  const compact = !useMediaQuery(`(min-width: ${theme.breakpoints.md})`, true)

  // New users start with every notification type on "Ambos"; types the server adds later read "Nenhuma".
  const notificationTypes = options.data?.notificationTypes
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the defaults once the catalogue arrives
  useEffect(() => {
    if (!notificationTypes) return
    const current = form.getValues().notifications
    const missing = notificationTypes.filter((t) => !(t.key in current))
    if (missing.length === 0) return
    const fill: NotificationChannel = existing ? 'none' : 'both'
    const merged = { ...current, ...Object.fromEntries(missing.map((t) => [t.key, fill])) }
    form.setFieldValue('notifications', merged)
    initial.current = { ...initial.current, notifications: { ...initial.current.notifications, ...merged } }
    form.resetDirty(initial.current)
  }, [notificationTypes])

  const onKnown = useCallback((companies: ClientUserCompany[]) => {
    setKnown((current) => {
      if (companies.every((c) => current.get(c.id)?.name === c.name)) return current
      const next = new Map(current)
      for (const company of companies) next.set(company.id, company)
      return next
    })
  }, [])

  const dirty = form.isDirty() || send !== null
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  )
  useWindowEvent('beforeunload', (event) => {
    if (dirty && !leaving.current) event.preventDefault()
  })

  // ------------------------------------------------------------------ invitation choice

  const status = existing?.invitation.status ?? 'none'

  function askSend(): boolean {
    const problem = emailError(form.getValues().email)
    if (problem) {
      form.setFieldError('email', `${problem} O convite vai para este e-mail.`)
      return false
    }
    setAsking(true)
    return true
  }

  function changePortal(checked: boolean) {
    const values = form.getValues()
    if (!checked || values.isDemo || send !== null || status === 'accepted') {
      form.setFieldValue('portalActive', checked)
      return
    }
    // First activation: ask "Envie agora / Enviar mais tarde" (the switch turns on with the answer).
    askSend()
  }

  function choose(choice: SendChoice) {
    setSend(choice)
    form.setFieldValue('portalActive', true)
    setAsking(false)
  }

  // ------------------------------------------------------------------ steps

  function stepHasErrors(step: number): boolean {
    return Object.entries(form.errors).some(([path, message]) => message && stepOfField(path) === step)
  }

  function goTo(step: number) {
    if (step <= active) {
      setActive(step)
      return
    }
    const values = form.getValues()
    for (let s = active; s < step && s < SUMMARY_STEP; s++) {
      const errors = validateStep(s, values)
      setStepErrors(form, s, errors)
      if (Object.keys(errors).length > 0) {
        setActive(s)
        return
      }
    }
    setActive(step)
    setReached((current) => Math.max(current, step))
  }

  // ------------------------------------------------------------------ "Concluir"

  function showServerErrors(error: unknown) {
    if (!(error instanceof ApiError)) return
    const fields = { ...error.fields }
    if (error.code === 'EMAIL_TAKEN' && !fields.email) fields.email = error.message
    const paths = Object.keys(fields)
    if (paths.length === 0) return
    form.setErrors({ ...form.errors, ...fields })
    setActive(Math.min(...paths.map(stepOfField)))
  }

  async function conclude() {
    const values = form.getValues()
    for (let s = 0; s < SUMMARY_STEP; s++) {
      const errors = validateStep(s, values)
      setStepErrors(form, s, errors)
      if (Object.keys(errors).length > 0) {
        setActive(s)
        return
      }
    }

    const common = {
      name: values.name.trim(),
      portalActive: values.portalActive,
      isDemo: values.isDemo,
      departments: values.departments,
      companyIds: values.companyIds,
      permissions: values.permissions,
      notifications: values.notifications,
    }
    const email = values.email.trim()
    const sendNow = send === 'now' && values.portalActive && !values.isDemo

    setSaving(true)
    try {
      if (!existing) {
        const created = await api.post<ClientUser>('/client-users', {
          ...common,
          email,
          ...(values.cpf ? { cpf: values.cpf } : {}),
          ...(values.phone ? { phone: values.phone } : {}),
          send: sendNow ? 'now' : 'later',
        })
        notifySuccess(
          values.isDemo
            ? 'Usuário de demonstração cadastrado. Nenhum e-mail é enviado a ele.'
            : !values.portalActive
              ? 'Usuário cadastrado. O acesso ao portal está inativo: nenhum convite foi enviado.'
              : sendNow
                ? `Usuário cadastrado. Convite enviado para ${created.email}.`
                : 'Usuário cadastrado. Convite agendado (enviar mais tarde).',
        )
      } else {
        const emailChanged = email.toLowerCase() !== existing.email.toLowerCase()
        const saved = await api.patch<ClientUser>(`/client-users/${existing.id}`, {
          ...common,
          ...(emailChanged ? { email } : {}),
          cpf: values.cpf || null,
          phone: values.phone || null,
        })
        const reissued =
          Boolean(saved.invitation.sentAt) && saved.invitation.sentAt !== existing.invitation.sentAt
        let message = `Dados de ${saved.name} atualizados.`
        if (reissued)
          message += ` Convite reenviado para ${saved.email}; o link anterior deixou de funcionar.`
        if (sendNow && !reissued) {
          try {
            const sent = await api.post<ClientUser>(`/client-users/${existing.id}/invitation`, {})
            message += ` Convite enviado para ${sent.email}.`
          } catch (error) {
            notifyError(error, 'Dados salvos, mas o convite não foi enviado')
          }
        }
        notifySuccess(message)
      }
      leaving.current = true
      navigate(LIST_PATH)
    } catch (error) {
      showServerErrors(error)
      notifyError(error, existing ? 'Não foi possível salvar' : 'Não foi possível concluir o cadastro')
    } finally {
      setSaving(false)
    }
  }

  // ------------------------------------------------------------------ render

  const accessLevels = options.data?.accessLevels ?? DEFAULT_ACCESS_LEVELS
  const departmentItems = departments.data?.items
  const last = active === SUMMARY_STEP

  return (
    <>
      <PageHeader
        title={existing ? 'Editar usuário de cliente' : 'Novo usuário de cliente'}
        description={
          existing ? (
            <>
              {existing.name} · {existing.email}
            </>
          ) : (
            'Preencha as etapas e clique em Concluir. O convite só é enviado ao concluir.'
          )
        }
      />

      {options.error ? <LoadError error={options.error} onRetry={() => void options.reload()} /> : null}

      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Stepper
          active={active}
          onStepClick={goTo}
          size="sm"
          wrap={!compact}
          aria-label="Etapas do cadastro"
          iconSize={compact ? 28 : undefined}
          styles={{
            content: { paddingTop: 'var(--mantine-spacing-lg)' },
            separator: compact ? { marginInline: 4, minWidth: 6 } : undefined,
            stepBody: compact ? { marginInlineStart: 6 } : undefined,
          }}
        >
          {STEPS.map((label, index) => (
            <Stepper.Step
              key={label}
              label={compact && index !== active ? undefined : label}
              // The last step's button must not read "Concluir": that is the name of the save button.
              aria-label={`Etapa ${index + 1} de ${STEPS.length}: ${index === SUMMARY_STEP ? 'resumo' : label}`}
              allowStepSelect={index <= reached}
              color={stepHasErrors(index) ? 'red' : undefined}
            >
              {index === 0 ? (
                <GeneralStep
                  form={form}
                  existing={existing}
                  send={send}
                  canSend={canSend}
                  onPortalChange={changePortal}
                  onAskSend={askSend}
                />
              ) : null}
              {index === 1 ? (
                <DepartmentsStep
                  form={form}
                  departments={departmentItems}
                  loadError={departments.error}
                  onReload={departments.reload}
                  accessLevels={accessLevels}
                />
              ) : null}
              {index === 2 ? (
                <CompaniesStep
                  form={form}
                  known={known}
                  onKnown={onKnown}
                  canCreate={can(PERMISSIONS.clientsManage)}
                />
              ) : null}
              {index === 3 ? <PermissionsStep form={form} permissions={options.data?.permissions} /> : null}
              {index === 4 ? <NotificationsStep form={form} notificationTypes={notificationTypes} /> : null}
              {index === SUMMARY_STEP ? (
                <SummaryStep
                  values={form.values}
                  existing={existing}
                  send={send}
                  departments={departmentItems ?? []}
                  companies={known}
                  permissions={options.data?.permissions ?? []}
                  notificationTypes={notificationTypes ?? []}
                />
              ) : null}
            </Stepper.Step>
          ))}
        </Stepper>

        <Group justify="space-between" mt="xl" gap="sm">
          <Button variant="subtle" color="gray" onClick={() => navigate(LIST_PATH)} disabled={saving}>
            Cancelar
          </Button>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => setActive((s) => Math.max(0, s - 1))}
              disabled={active === 0 || saving}
            >
              Voltar
            </Button>
            {last ? (
              <Button leftSection={<IconCheck size={16} />} onClick={() => void conclude()} loading={saving}>
                Concluir
              </Button>
            ) : (
              <Button rightSection={<IconArrowRight size={16} />} onClick={() => goTo(active + 1)}>
                Avançar
              </Button>
            )}
          </Group>
        </Group>
      </Paper>

      <SendInvitationDialog
        opened={asking}
        email={form.values.email.trim()}
        canSend={canSend}
        onChoose={choose}
        onClose={() => setAsking(false)}
      />

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Sair sem concluir?"
        centered
      >
        <Stack gap="lg">
          <Text size="sm">
            {existing
              ? 'As alterações feitas neste cadastro ainda não foram salvas e serão descartadas.'
              : 'Este usuário ainda não foi cadastrado: nada é criado antes de você clicar em Concluir. Os dados preenchidos serão descartados.'}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Continuar editando
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
