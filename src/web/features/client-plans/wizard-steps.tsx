import {
  Alert,
  Box,
  Button,
  Fieldset,
  Grid,
  Group,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { IconInfoCircle, IconMapPinPlus } from '@tabler/icons-react'
import { formatMoneyCents } from '../../../shared/format.ts'
import { BILLING_CYCLE_LABELS, DUE_DAY_OPTIONS, PAYMENT_OPTIONS } from './client-plans.labels.ts'
import type { ContractTemplate, PaymentMethod, Plan } from './client-plans.types.ts'
import { ContractFields } from './contract-fields.tsx'
import { BankFields, PhoneAccountFields } from './payment-fields.tsx'
import {
  clear,
  type Errors,
  type PlanWizardValues,
  type ServiceValues,
  servicesOf,
  sub,
  without,
} from './plan-form.ts'
import { ServiceFields } from './service-fields.tsx'

export interface AddressOption {
  value: string
  label: string
}

interface StepProps {
  values: PlanWizardValues
  setValues: (update: (current: PlanWizardValues) => PlanWizardValues) => void
  errors: Errors
  setErrors: (update: (current: Errors) => Errors) => void
}

/** Replaces the errors under a prefix with the ones a field group reports. */
function replaceUnder(prefix: string, next: Errors) {
  return (current: Errors): Errors => ({
    ...without(current, [prefix]),
    ...Object.fromEntries(Object.entries(next).map(([k, v]) => [`${prefix}.${k}`, v])),
  })
}

interface PlanStepProps extends StepProps {
  plans: Plan[] | undefined
  plansError: string | null
  addressOptions: AddressOption[]
  onNewAddress: () => void
}

/** Seed 2: "End. de Instalação" (or "Novo Endereço"), "Plano" and its "Detalhes do Plano". */
export function PlanStep({
  values,
  setValues,
  errors,
  setErrors,
  plans,
  plansError,
  addressOptions,
  onNewAddress,
}: PlanStepProps) {
  const groups = new Map<string, { value: string; label: string }[]>()
  for (const plan of plans ?? []) {
    const items = groups.get(plan.categoryName) ?? []
    items.push({
      value: plan.id,
      label: `${plan.name} — ${formatMoneyCents(plan.priceCents)}/${BILLING_CYCLE_LABELS[plan.billingCycle]}`,
    })
    groups.set(plan.categoryName, items)
  }
  const plan = plans?.find((p) => p.id === values.planId)

  function setService(index: number, next: ServiceValues) {
    setValues((v) => ({ ...v, services: v.services.map((s, i) => (i === index ? next : s)) }))
  }

  return (
    <Stack gap="lg">
      <Box>
        <Title order={2} fz="h4" mb="sm">
          Plano
        </Title>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Select
              label="End. de Instalação"
              description="Onde o serviço será instalado."
              placeholder={
                addressOptions.length ? 'Escolha o endereço' : 'Nenhum endereço: use Novo Endereço'
              }
              data={addressOptions}
              value={values.installationAddressId}
              error={errors.installationAddressId}
              clearable
              comboboxProps={{ withinPortal: true }}
              onChange={(id) => {
                setValues((v) => ({ ...v, installationAddressId: id }))
                setErrors((e) => clear(e, 'installationAddressId'))
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Button
              variant="light"
              fullWidth
              leftSection={<IconMapPinPlus size={18} />}
              onClick={onNewAddress}
              mb={errors.installationAddressId ? 22 : 0}
            >
              Novo Endereço
            </Button>
          </Grid.Col>
          <Grid.Col span={12}>
            <Select
              label="Plano"
              required
              searchable
              placeholder={plans ? 'Escolha o plano' : 'Carregando planos…'}
              data={[...groups].map(([group, items]) => ({ group, items }))}
              value={values.planId}
              error={errors.planId ?? plansError}
              nothingFoundMessage="Nenhum plano ativo no catálogo"
              comboboxProps={{ withinPortal: true }}
              onChange={(id) => {
                const chosen = plans?.find((p) => p.id === id)
                setValues((v) => ({ ...v, planId: id, services: chosen ? servicesOf(chosen) : [] }))
                setErrors((e) => without(e, ['planId', 'services']))
              }}
            />
            {plan?.description ? (
              <Text size="sm" c="dimmed" mt={4}>
                {plan.description}
              </Text>
            ) : null}
          </Grid.Col>
        </Grid>
      </Box>

      {plan ? (
        <Box>
          <Title order={2} fz="h4" mb="sm">
            Detalhes do Plano
          </Title>
          {values.services.length === 0 ? (
            <Alert icon={<IconInfoCircle size={18} />} color="gray" variant="light">
              Este plano não tem serviços a configurar (login RADIUS, e-mail, domínio…).
            </Alert>
          ) : (
            <Stack gap="sm">
              {values.services.map((service, index) => (
                <ServiceFields
                  key={`${values.planId}-${service.kind}`}
                  value={service}
                  onChange={(next) => setService(index, next)}
                  errors={sub(errors, `services.${index}`)}
                  onErrors={(next) => setErrors(replaceUnder(`services.${index}`, next))}
                />
              ))}
            </Stack>
          )}
        </Box>
      ) : null}
    </Stack>
  )
}

interface BillingStepProps extends StepProps {
  templates: ContractTemplate[] | undefined
  addressOptions: AddressOption[]
  onNewAddress: () => void
}

/** Seed 3: "Detalhes do Contrato" and "Informações da Cobrança" with "Detalhes da Cobrança". */
export function BillingStep({
  values,
  setValues,
  errors,
  setErrors,
  templates,
  addressOptions,
  onNewAddress,
}: BillingStepProps) {
  const { billing } = values
  const setBilling = <K extends keyof PlanWizardValues['billing']>(
    field: K,
    next: PlanWizardValues['billing'][K],
  ) => {
    setValues((v) => ({ ...v, billing: { ...v.billing, [field]: next } }))
    setErrors((e) => clear(e, `billing.${field}`))
  }

  return (
    <Stack gap="lg">
      <Box>
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h4">
            Detalhes do Contrato
          </Title>
          <Switch
            label="Informar o contrato agora"
            checked={values.withContract}
            onChange={(e) => {
              const checked = e.currentTarget.checked
              setValues((v) => ({ ...v, withContract: checked }))
              if (!checked) setErrors((er) => without(er, ['contract']))
            }}
          />
        </Group>
        {values.withContract ? (
          <ContractFields
            value={values.contract}
            onChange={(next) => setValues((v) => ({ ...v, contract: next }))}
            errors={sub(errors, 'contract')}
            onErrors={(next) => setErrors(replaceUnder('contract', next))}
            templates={templates}
          />
        ) : (
          <Text size="sm" c="dimmed">
            Opcional: o contrato (número, data da venda, taxa de instalação, validade e modelo) também pode
            ser cadastrado depois, na ação Contrato do plano.
          </Text>
        )}
      </Box>

      <Box>
        <Title order={2} fz="h4" mb="sm">
          Informações da Cobrança
        </Title>
        <Stack gap="md">
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Select
                label="Endereço de cobrança"
                placeholder="Escolha o endereço"
                data={addressOptions}
                value={billing.addressId}
                error={errors['billing.addressId']}
                clearable
                comboboxProps={{ withinPortal: true }}
                onChange={(id) => setBilling('addressId', id)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Button
                variant="light"
                fullWidth
                leftSection={<IconMapPinPlus size={18} />}
                onClick={onNewAddress}
                mb={errors['billing.addressId'] ? 22 : 0}
              >
                Novo Endereço<VisuallyHidden> de cobrança</VisuallyHidden>
              </Button>
            </Grid.Col>
          </Grid>
          <Radio.Group
            withAsterisk={false}
            label="Forma de Pagamento"
            required
            value={billing.paymentMethod}
            error={errors['billing.paymentMethod']}
            onChange={(method) => {
              setValues((v) => ({ ...v, billing: { ...v.billing, paymentMethod: method as PaymentMethod } }))
              setErrors((e) => without(e, ['billing.paymentMethod', 'billing.bank', 'billing.phoneAccount']))
            }}
          >
            <Group gap="lg" mt={6}>
              {PAYMENT_OPTIONS.map((option) => (
                <Radio key={option.value} value={option.value} label={option.label} />
              ))}
            </Group>
          </Radio.Group>
          <Box maw={260}>
            <Select
              label="Dia de vencimento"
              required
              placeholder="Escolha o dia"
              data={DUE_DAY_OPTIONS}
              value={billing.dueDay}
              error={errors['billing.dueDay']}
              comboboxProps={{ withinPortal: true }}
              onChange={(day) => setBilling('dueDay', day)}
            />
          </Box>
          {billing.paymentMethod === 'debito_conta' ? (
            <Fieldset legend="Detalhes da Cobrança — Débito em conta">
              <BankFields
                value={billing.bank}
                onChange={(next) => setValues((v) => ({ ...v, billing: { ...v.billing, bank: next } }))}
                errors={sub(errors, 'billing.bank')}
                onErrors={(next) => setErrors(replaceUnder('billing.bank', next))}
              />
            </Fieldset>
          ) : null}
          {billing.paymentMethod === 'debito_telefone' ? (
            <Fieldset legend="Detalhes da Cobrança — Débito em Conta Telefone">
              <PhoneAccountFields
                value={billing.phoneAccount}
                onChange={(next) =>
                  setValues((v) => ({ ...v, billing: { ...v.billing, phoneAccount: next } }))
                }
                errors={sub(errors, 'billing.phoneAccount')}
                onErrors={(next) => setErrors(replaceUnder('billing.phoneAccount', next))}
              />
            </Fieldset>
          ) : null}
        </Stack>
      </Box>
    </Stack>
  )
}
