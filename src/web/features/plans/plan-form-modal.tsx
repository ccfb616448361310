import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Input,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { formatMoney, parseMoney } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { BILLING_CYCLE_OPTIONS, SERVICE_LABELS } from './plans.labels.ts'
import {
  type BillingCycle,
  type Plan,
  type PlanBody,
  type PlanCategory,
  type PlanInitialStatus,
  type PlanServiceConfig,
  SERVICE_KINDS,
  type ServiceKind,
} from './plans.types.ts'

interface ServiceValues {
  enabled: boolean
  required: boolean
  defaultDomain: string
  licences: number | string
}

interface PlanValues {
  categoryId: string
  name: string
  description: string
  /** As typed: "R$ 99,90". */
  price: string
  billingCycle: BillingCycle
  trialDays: number | string
  startsInHomologation: boolean
  initialStatus: PlanInitialStatus
  isActive: boolean
  services: Record<ServiceKind, ServiceValues>
}

const DOMAIN_PATTERN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i

function emptyServices(): Record<ServiceKind, ServiceValues> {
  return Object.fromEntries(
    SERVICE_KINDS.map((kind) => [kind, { enabled: false, required: false, defaultDomain: '', licences: '' }]),
  ) as Record<ServiceKind, ServiceValues>
}

function valuesOf(plan: Plan | null, categoryId: string): PlanValues {
  const services = emptyServices()
  for (const s of plan?.services ?? []) {
    services[s.kind] = {
      enabled: true,
      required: s.required,
      defaultDomain: s.defaultDomain ?? '',
      licences: s.licences ?? '',
    }
  }
  return {
    categoryId: plan?.categoryId ?? categoryId,
    name: plan?.name ?? '',
    description: plan?.description ?? '',
    price: plan ? formatMoney(plan.priceCents / 100) : '',
    billingCycle: plan?.billingCycle ?? 'mensal',
    trialDays: plan?.trialDays ?? 0,
    startsInHomologation: plan?.startsInHomologation ?? false,
    initialStatus: plan?.initialStatus ?? 'ativo',
    isActive: plan?.isActive ?? true,
    services,
  }
}

/** R$ typed by the user → cents, or null when it is not a valid amount. */
export function priceToCents(price: string): number | null {
  const value = parseMoney(price)
  if (value === null || value < 0) return null
  return Math.round(value * 100)
}

function toBody(values: PlanValues): { body: PlanBody; kinds: ServiceKind[] } {
  const kinds = SERVICE_KINDS.filter((kind) => values.services[kind].enabled)
  const services: PlanServiceConfig[] = kinds.map((kind) => {
    const s = values.services[kind]
    return {
      kind,
      required: s.required,
      ...(kind === 'email' ? { defaultDomain: s.defaultDomain.trim().toLowerCase() || null } : {}),
      ...(kind === 'antivirus' ? { licences: s.licences === '' ? null : Number(s.licences) } : {}),
    }
  })
  return {
    body: {
      categoryId: values.categoryId,
      name: values.name.trim(),
      description: values.description.trim() || null,
      priceCents: priceToCents(values.price) ?? 0,
      billingCycle: values.billingCycle,
      trialDays: Number(values.trialDays),
      startsInHomologation: values.startsInHomologation,
      initialStatus: values.initialStatus,
      services,
      isActive: values.isActive,
    },
    kinds,
  }
}

interface PlanFormModalProps {
  opened: boolean
  /** null: a new plan in `categoryId`. */
  plan: Plan | null
  categoryId: string
  categories: PlanCategory[]
  onClose: () => void
  onSaved: (plan: Plan) => void
}

/** "Novo plano" / "Editar plano": price, cycle, trial, environment, initial status and services. */
export function PlanFormModal({
  opened,
  plan,
  categoryId,
  categories,
  onClose,
  onSaved,
}: PlanFormModalProps) {
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const form = useForm<PlanValues>({
    initialValues: valuesOf(null, categoryId),
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : 'Informe o nome do plano.'),
      price: (value) =>
        !value.trim()
          ? 'Informe o preço (ex.: R$ 99,90).'
          : priceToCents(value) === null
            ? 'Preço inválido. Use o formato R$ 99,90.'
            : null,
      trialDays: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 365
          ? null
          : 'Informe de 0 a 365 dias.',
      services: {
        email: {
          defaultDomain: (value, values) =>
            values.services.email.enabled && value.trim() && !DOMAIN_PATTERN.test(value.trim())
              ? 'Domínio inválido (ex.: empresa.com.br).'
              : null,
        },
        antivirus: {
          licences: (value, values) =>
            values.services.antivirus.enabled &&
            value !== '' &&
            !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10_000)
              ? 'Informe de 1 a 10.000 licenças.'
              : null,
        },
      },
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.setValues(valuesOf(plan, categoryId))
    form.resetDirty()
    form.clearErrors()
    setFormError(null)
  }, [opened, plan, categoryId])

  async function submit(values: PlanValues) {
    const { body, kinds } = toBody(values)
    setSaving(true)
    setFormError(null)
    try {
      const saved = plan
        ? await api.patch<Plan>(`/plans/${plan.id}`, body)
        : await api.post<Plan>('/plans', body)
      notifySuccess(plan ? 'Plano atualizado.' : `Plano ${saved.name} criado.`)
      onSaved(saved)
      onClose()
    } catch (error) {
      const leftovers = showServerErrors(error, kinds)
      setFormError(leftovers.length ? leftovers.join(' ') : null)
      notifyError(error, 'Não foi possível salvar o plano')
    } finally {
      setSaving(false)
    }
  }

  /** Puts the server's `fields` on the inputs (services come by position); returns the rest. */
  function showServerErrors(error: unknown, kinds: ServiceKind[]): string[] {
    if (!(error instanceof ApiError)) return []
    const errors: Record<string, string> = {}
    const leftovers: string[] = []
    const scalar: Record<string, string> = {
      name: 'name',
      description: 'description',
      priceCents: 'price',
      billingCycle: 'billingCycle',
      trialDays: 'trialDays',
      initialStatus: 'initialStatus',
      categoryId: 'categoryId',
    }
    for (const [path, message] of Object.entries(error.fields)) {
      const [head, index, field] = path.split('.')
      if (scalar[head]) errors[scalar[head]] = message
      else if (head === 'services' && index !== undefined && kinds[Number(index)] && field)
        errors[`services.${kinds[Number(index)]}.${field}`] = message
      else leftovers.push(message)
    }
    if (error.code === 'PLAN_DUPLICATE' && !errors.name) errors.name = error.message
    form.setErrors(errors)
    return leftovers
  }

  function serviceRow(kind: ServiceKind, enabled: boolean) {
    const label = SERVICE_LABELS[kind]
    return (
      <Paper withBorder p="xs" radius="md">
        <Stack gap={6}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Checkbox
              label={label}
              {...form.getInputProps(`services.${kind}.enabled`, { type: 'checkbox' })}
            />
            {enabled ? (
              <Checkbox
                size="xs"
                label="obrigatório"
                aria-label={`${label}: obrigatório`}
                {...form.getInputProps(`services.${kind}.required`, { type: 'checkbox' })}
              />
            ) : null}
          </Group>
          {enabled && kind === 'email' ? (
            <TextInput
              size="xs"
              label="Domínio padrão do e-mail"
              placeholder="empresa.com.br"
              autoComplete="off"
              {...form.getInputProps('services.email.defaultDomain')}
            />
          ) : null}
          {enabled && kind === 'antivirus' ? (
            <NumberInput
              size="xs"
              label="Licenças de antivírus"
              min={1}
              max={10_000}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              {...form.getInputProps('services.antivirus.licences')}
            />
          ) : null}
        </Stack>
      </Paper>
    )
  }

  const values = form.getValues()
  const categoryOptions = categories.map((c) => ({ value: c.id, label: c.name }))

  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title={plan ? `Editar plano ${plan.name}` : 'Novo plano'}
      centered
      size="xl"
    >
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Stack gap="md">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 7 }}>
              <TextInput
                label="Nome do plano"
                placeholder="Ex.: NF-e Básico"
                required
                data-autofocus
                autoComplete="off"
                {...form.getInputProps('name')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <Select
                label="Categoria"
                data={categoryOptions}
                allowDeselect={false}
                checkIconPosition="right"
                {...form.getInputProps('categoryId')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label="Descrição"
                autosize
                minRows={2}
                maxRows={5}
                {...form.getInputProps('description')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label="Preço"
                placeholder="R$ 0,00"
                inputMode="decimal"
                autoComplete="off"
                required
                {...form.getInputProps('price')}
                onBlur={(event) => {
                  const cents = priceToCents(event.currentTarget.value)
                  if (cents !== null) form.setFieldValue('price', formatMoney(cents / 100))
                  form.validateField('price')
                }}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <Select
                label="Ciclo de cobrança"
                data={BILLING_CYCLE_OPTIONS}
                allowDeselect={false}
                checkIconPosition="right"
                {...form.getInputProps('billingCycle')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <NumberInput
                label="Dias de teste grátis"
                min={0}
                max={365}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                {...form.getInputProps('trialDays')}
              />
            </Grid.Col>
          </Grid>

          <Grid gap="sm" align="flex-start">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Stack gap={4}>
                <Input.Label id="plan-initial-status">Situação inicial do plano no cliente</Input.Label>
                <SegmentedControl
                  aria-labelledby="plan-initial-status"
                  data={[
                    { value: 'ativo', label: 'Ativo' },
                    { value: 'inativo', label: 'Inativo' },
                  ]}
                  {...form.getInputProps('initialStatus')}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Stack gap={4}>
                <Input.Label>Ambiente inicial do cliente</Input.Label>
                <Switch
                  mt={6}
                  label="Começa em Homologação"
                  description="O cliente começa no ambiente de teste e passa para Produção depois do primeiro acesso."
                  {...form.getInputProps('startsInHomologation', { type: 'checkbox' })}
                />
              </Stack>
            </Grid.Col>
          </Grid>

          <Stack gap={4}>
            <Input.Label>Serviços do plano</Input.Label>
            <Input.Description mb={4}>
              Marque os serviços que o plano oferece. Os obrigatórios precisam ser preenchidos ao cadastrar o
              plano no cliente.
            </Input.Description>
            <Grid gap="xs" align="flex-start">
              {SERVICE_KINDS.map((kind) => (
                <Grid.Col key={kind} span={{ base: 12, sm: 6 }}>
                  {serviceRow(kind, values.services[kind].enabled)}
                </Grid.Col>
              ))}
            </Grid>
          </Stack>

          {plan ? (
            <Switch
              label="Plano à venda"
              description="Planos inativos não aparecem no Novo Cadastro nem podem ser adicionados a clientes."
              {...form.getInputProps('isActive', { type: 'checkbox' })}
            />
          ) : null}

          {formError ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              {plan ? 'Salvar alterações' : 'Criar plano'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
