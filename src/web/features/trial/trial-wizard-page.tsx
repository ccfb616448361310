import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Stepper,
  Text,
  ThemeIcon,
  Title,
  useMantineTheme,
} from '@mantine/core'
import { useMediaQuery, useWindowEvent } from '@mantine/hooks'
import {
  IconArrowLeft,
  IconArrowRight,
  IconCircleCheck,
  IconFlask,
  IconInfoCircle,
} from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { Link, useBlocker, useNavigate, useParams } from 'react-router'
import { formatDate } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { AddressFields } from '../client-orgs/address-fields.tsx'
import { emptyValues, useClientOrgForm } from '../client-orgs/client-org-form.ts'
import { useCnpjLookup } from '../client-orgs/client-org-form-page.tsx'
import { planCountLabel } from '../plans/plans.labels.ts'
import type { Plan, PlanCategory } from '../plans/plans.types.ts'
import { CompanyStep } from './step-company.tsx'
import { LoginStep } from './step-login.tsx'
import { PlansStep } from './step-plans.tsx'
import {
  ADDRESS_STEP,
  COMPANY_STEP,
  LOGIN_STEP,
  PLANS_STEP,
  STEPS,
  applySignupErrors,
  locateField,
  toSignupBody,
  useAccountForm,
  validateAddressStep,
  validateCompanyStep,
  validateLoginStep,
} from './trial-form.ts'
import type { TrialSignupResult } from './trial.types.ts'

const LIST_PATH = '/clientes'

/** Tells the client list open in the other tab that a client was created (it reloads). */
export const CLIENTS_CHANNEL = 'cadastra:clientes'

/**
 * `/clientes/novo-cadastro/:categoryId` (opened in a new tab by "Novo Cadastro"): the seed's
 * four steps — plans, contact and login, company, address — and "Iniciar Teste Grátis".
 * Each step is checked on "Avançar"; nothing is created before the last one.
 */
export function TrialWizardPage() {
  const { categoryId = '' } = useParams()
  const categories = useApiQuery<{ items: PlanCategory[] }>('/plan-categories')
  const plans = useApiQuery<{ items: Plan[] }>('/plans', { categoryId, active: 'true' })
  const category = categories.data?.items.find((c) => c.id === categoryId)

  const error = categories.error ?? plans.error
  if (error?.status === 400 || error?.status === 404) return <NotFoundContent />
  if (error)
    return <LoadError error={error} onRetry={() => void Promise.all([categories.reload(), plans.reload()])} />
  if (!categories.data || !plans.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando planos" />
      </Center>
    )
  }
  if (!category) return <NotFoundContent />
  return <TrialWizard category={category} plans={plans.data.items.filter((p) => p.isActive)} />
}

function TrialWizard({ category, plans }: { category: PlanCategory; plans: Plan[] }) {
  const navigate = useNavigate()
  const account = useAccountForm()
  const company = useClientOrgForm(emptyValues())
  const stateRegistrationRef = useRef<HTMLInputElement>(null)
  const cnpjLookup = useCnpjLookup(company, () => stateRegistrationRef.current?.focus())
  const [active, setActive] = useState(PLANS_STEP)
  const [reached, setReached] = useState(PLANS_STEP)
  const [checking, setChecking] = useState(false)
  const [stepError, setStepError] = useState<string | null>(null)
  const [result, setResult] = useState<TrialSignupResult | null>(null)
  const leaving = useRef(false)
  const theme = useMantineTheme()
  const compact = !useMediaQuery(`(min-width: ${theme.breakpoints.md})`, true)

  const dirty = result === null && (account.isDirty() || company.isDirty())
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  )
  useWindowEvent('beforeunload', (event) => {
    if (dirty && !leaving.current) event.preventDefault()
  })

  const selected = account.getValues().planIds

  function togglePlan(planId: string) {
    const current = account.getValues().planIds
    account.setFieldValue(
      'planIds',
      current.includes(planId) ? current.filter((id) => id !== planId) : [...current, planId],
    )
    account.clearFieldError('planIds')
  }

  function stepHasErrors(step: number): boolean {
    const errors = { ...account.errors, ...prefixed(company.errors) }
    return Object.entries(errors).some(([path, message]) => message && stepOf(path) === step)
  }

  function goForward(to: number) {
    setActive(to)
    setReached((r) => Math.max(r, to))
    setStepError(null)
    window.scrollTo({ top: 0 })
  }

  /** Runs the step's own checks, then the server's (login and company), before moving on. */
  async function advance() {
    setStepError(null)
    if (active === PLANS_STEP) {
      if (selected.length === 0) {
        account.setFieldError('planIds', 'Escolha pelo menos um plano.')
        return
      }
      goForward(LOGIN_STEP)
      return
    }
    if (active === LOGIN_STEP) {
      const errors = validateLoginStep(account.getValues())
      account.setErrors(errors)
      if (Object.keys(errors).length > 0) return
      const { email, password, passwordConfirmation } = account.getValues().login
      await check(() =>
        api.post('/trial-signups/check-login', { email: email.trim(), password, passwordConfirmation }),
      )
      return
    }
    if (active === COMPANY_STEP) {
      const errors = validateCompanyStep(company.getValues())
      company.setErrors(errors)
      if (Object.keys(errors).length > 0) return
      await check(() =>
        api.post('/trial-signups/check-company', { document: company.getValues().document.trim() }),
      )
    }
  }

  async function check(request: () => Promise<unknown>) {
    setChecking(true)
    try {
      await request()
      goForward(active + 1)
    } catch (error) {
      const step = applySignupErrors(account, company, error)
      if (step === null)
        setStepError(error instanceof ApiError ? error.message : 'Algo deu errado. Tente novamente.')
    } finally {
      setChecking(false)
    }
  }

  async function start() {
    setStepError(null)
    const errors = validateAddressStep(company.getValues())
    company.setErrors(errors)
    if (Object.keys(errors).length > 0) return
    setChecking(true)
    try {
      const created = await api.post<TrialSignupResult>(
        '/trial-signups',
        toSignupBody(account.getValues(), company.getValues()),
      )
      leaving.current = true
      setResult(created)
      announceCreated()
      window.scrollTo({ top: 0 })
    } catch (error) {
      const step = applySignupErrors(account, company, error)
      if (step === null) {
        setStepError(error instanceof ApiError ? error.message : 'Algo deu errado. Tente novamente.')
        notifyError(error, 'Não foi possível cadastrar o cliente')
      } else {
        setActive(step)
        if (step !== ADDRESS_STEP)
          setStepError('Revise os dados desta etapa: o servidor recusou o cadastro por causa deles.')
      }
    } finally {
      setChecking(false)
    }
  }

  if (result)
    return <TrialDone categoryName={category.name} result={result} name={company.getValues().name} />

  const last = active === ADDRESS_STEP
  const companyName = company.getValues().name.trim()

  return (
    <>
      <PageHeader
        title={`Novo cadastro — ${category.name}`}
        description={`${planCountLabel(plans.length)} nesta categoria. O cliente começa em Homologação com o teste grátis; nada é cadastrado antes de “Iniciar Teste Grátis”.`}
      />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} maw={1100}>
        <Stepper
          active={active}
          onStepClick={(step) => {
            if (step <= reached) {
              setActive(step)
              setStepError(null)
            }
          }}
          size="sm"
          wrap={!compact}
          aria-label="Etapas do cadastro"
          styles={{ content: { paddingTop: 'var(--mantine-spacing-lg)' } }}
        >
          {STEPS.map((label, index) => (
            <Stepper.Step
              key={label}
              label={compact && index !== active ? undefined : `Etapa ${index + 1}`}
              description={compact && index !== active ? undefined : label}
              aria-label={`Etapa ${index + 1} de ${STEPS.length}: ${label}`}
              allowStepSelect={index <= reached}
              color={stepHasErrors(index) ? 'red' : undefined}
            >
              <Title order={2} fz="h4" mb="md">
                {index === PLANS_STEP ? 'Escolha o plano' : null}
                {index === LOGIN_STEP ? 'Dados para contato e login' : null}
                {index === COMPANY_STEP ? 'Dados da empresa' : null}
                {index === ADDRESS_STEP ? 'Endereço' : null}
              </Title>
              {index === PLANS_STEP ? (
                <PlansStep
                  plans={plans}
                  selected={selected}
                  error={account.errors.planIds ? String(account.errors.planIds) : undefined}
                  onToggle={togglePlan}
                />
              ) : null}
              {index === LOGIN_STEP ? <LoginStep form={account} /> : null}
              {index === COMPANY_STEP ? (
                <CompanyStep form={company} lookup={cnpjLookup} stateRegistrationRef={stateRegistrationRef} />
              ) : null}
              {index === ADDRESS_STEP ? (
                <Stack gap="sm">
                  <Text size="sm" c="dimmed">
                    {cnpjLookup[0].kind === 'found'
                      ? 'Endereço trazido da Receita Federal: confira e corrija se preciso, ou digite o CEP e clique em “Buscar”.'
                      : 'Digite o CEP e clique em “Buscar”, ou preencha o endereço à mão.'}
                  </Text>
                  <AddressFields
                    form={company}
                    index={0}
                    title={companyName ? `Endereço de ${companyName}` : 'Endereço da empresa'}
                    hideKind
                  />
                </Stack>
              ) : null}
            </Stepper.Step>
          ))}
        </Stepper>

        {stepError ? (
          <Alert color="red" icon={<IconInfoCircle size={18} />} role="alert" mt="md">
            {stepError}
          </Alert>
        ) : null}

        <Group justify="space-between" mt="xl" gap="sm">
          <Button variant="subtle" color="gray" onClick={() => navigate(LIST_PATH)} disabled={checking}>
            Cancelar
          </Button>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => {
                setActive((s) => Math.max(PLANS_STEP, s - 1))
                setStepError(null)
              }}
              disabled={active === PLANS_STEP || checking}
            >
              Voltar
            </Button>
            {last ? (
              <Button leftSection={<IconFlask size={16} />} onClick={() => void start()} loading={checking}>
                Iniciar Teste Grátis
              </Button>
            ) : (
              <Button
                rightSection={<IconArrowRight size={16} />}
                onClick={() => void advance()}
                loading={checking}
                disabled={active === PLANS_STEP && selected.length === 0}
              >
                Avançar
              </Button>
            )}
          </Group>
        </Group>
      </Paper>

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Sair sem concluir?"
        centered
      >
        <Stack gap="lg">
          <Text size="sm">O cliente ainda não foi cadastrado. Os dados preenchidos serão descartados.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Continuar o cadastro
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Sair sem concluir
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

function TrialDone({
  categoryName,
  result,
  name,
}: {
  categoryName: string
  result: TrialSignupResult
  name: string
}) {
  const headline = result.trialEndsOn
    ? `Cliente cadastrado em Homologação — teste grátis até ${formatDate(result.trialEndsOn)}`
    : 'Cliente cadastrado em Homologação'
  return (
    <>
      <PageHeader title={`Novo cadastro — ${categoryName}`} />
      <Paper withBorder p="xl" maw={720}>
        <Stack gap="md" align="flex-start">
          <ThemeIcon size={48} radius="xl" color="teal" variant="light">
            <IconCircleCheck size={30} />
          </ThemeIcon>
          <div role="status">
            <Title order={2} fz="h3">
              {headline}
            </Title>
          </div>
          <Text size="sm">
            <strong>{name}</strong> já está na lista de clientes. No primeiro acesso (botão “Acessar” na
            lista), configure o tipo de certificado digital e a numeração das notas; depois passe o cliente
            para Produção.
          </Text>
          <Group gap="sm">
            <Button component={Link} to={LIST_PATH}>
              Ir para a lista de clientes
            </Button>
            <Button component={Link} to={`/clientes/${result.clientOrgId}/primeiro-acesso`} variant="default">
              Configurar o primeiro acesso
            </Button>
          </Group>
        </Stack>
      </Paper>
    </>
  )
}

/** Company-form paths as the server names them, so one `stepOf` reads both forms' errors. */
function prefixed(errors: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => [
      path.startsWith('addresses.') ? `address.${path.split('.').slice(2).join('.')}` : `company.${path}`,
      message,
    ]),
  )
}

function stepOf(path: string): number {
  return locateField(path).step
}

function announceCreated() {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(CLIENTS_CHANNEL)
  channel.postMessage({ kind: 'created' })
  channel.close()
}
