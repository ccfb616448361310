import { Autocomplete, Grid, Select, Text, TextInput } from '@mantine/core'
import { IconCircleCheck } from '@tabler/icons-react'
import type { ChangeEvent } from 'react'
import {
  BANKS_WITH_CHECK_DIGIT,
  BRAZILIAN_BANKS,
  bankName,
  validateBankAccount,
} from '../../../shared/banks.ts'
import { maskDocument, maskPhone } from '../../../shared/documents.ts'
import { type BankValues, clear, type Errors, type PhoneAccountValues } from './plan-form.ts'

const BANK_OPTIONS = BRAZILIAN_BANKS.map((b) => ({ value: b.code, label: `${b.code} — ${b.name}` }))
const CAIXA = '104'
const ACCOUNT_FIELDS = ['bankCode', 'agency', 'agencyDigit', 'account', 'accountDigit', 'operation'] as const
const CARRIERS = ['Vivo', 'Claro', 'TIM', 'Oi', 'Algar Telecom', 'Sercomtel']

/** A group of fields of one value, with the messages of those fields. */
interface FieldsProps<V> {
  value: V
  onChange: (next: V) => void
  errors: Errors
  onErrors: (errors: Errors) => void
}

/** `set(field, next)`: changes one field and drops its message. */
function fieldSetter<V>({ value, onChange, errors, onErrors }: FieldsProps<V>) {
  return <K extends keyof V & string>(field: K, next: V[K]) => {
    onChange({ ...value, [field]: next })
    if (errors[field]) onErrors(clear(errors, field))
  }
}

type AccountField = Exclude<(typeof ACCOUNT_FIELDS)[number], 'bankCode'>

/** The account fields are complete enough to check the bank's digits. */
function readyToCheck(v: BankValues): boolean {
  return Boolean(v.bankCode && v.agency.trim() && v.account.trim() && v.accountDigit.trim())
}

/** The account checked with validateBankAccount (the server runs the same check). */
function accountCheck(v: BankValues): Errors {
  if (!v.bankCode) return {}
  const result = validateBankAccount({
    bankCode: v.bankCode,
    agency: v.agency,
    agencyDigit: v.agencyDigit || undefined,
    account: v.account,
    accountDigit: v.accountDigit,
    operation: v.operation || undefined,
  })
  return result.ok ? {} : { [result.field]: result.message }
}

/**
 * "Detalhes da Cobrança" of a bank debit: bank, agency–digit, account–digit, operation (Caixa),
 * holder and the holder's CPF/CNPJ. The check digits are verified as soon as the account is typed
 * (on leaving a field), so a wrong digit shows before "Avançar".
 */
export function BankFields(props: FieldsProps<BankValues>) {
  const { value, onChange, errors, onErrors } = props
  const set = fieldSetter(props)
  const verified =
    readyToCheck(value) &&
    value.bankCode !== null &&
    BANKS_WITH_CHECK_DIGIT.includes(value.bankCode) &&
    Object.keys(accountCheck(value)).length === 0 &&
    !ACCOUNT_FIELDS.some((f) => errors[f])

  function checkNow(next: BankValues = value) {
    if (!readyToCheck(next)) return
    const rest = Object.fromEntries(
      Object.entries(errors).filter(([k]) => !(ACCOUNT_FIELDS as readonly string[]).includes(k)),
    )
    onErrors({ ...rest, ...accountCheck(next) })
  }

  const digits = (s: string, max: number) => s.replace(/\D/g, '').slice(0, max)
  const checkDigit = (s: string) =>
    s
      .replace(/[^\dxXpP]/g, '')
      .toUpperCase()
      .slice(0, 2)
  /** An account field: typed through `format`, its digits checked on leaving it. */
  const accountField = (field: AccountField, format: (typed: string) => string) => ({
    autoComplete: 'off',
    value: value[field],
    error: errors[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(field, format(e.currentTarget.value)),
    onBlur: () => checkNow(),
  })

  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <Select
          label="Banco"
          required
          searchable
          placeholder="Escolha o banco"
          data={BANK_OPTIONS}
          value={value.bankCode}
          error={errors.bankCode}
          nothingFoundMessage="Banco não encontrado"
          comboboxProps={{ withinPortal: true }}
          onChange={(code) => {
            const next = { ...value, bankCode: code, operation: code === CAIXA ? value.operation : '' }
            onChange(next)
            checkNow(next)
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 8, sm: 4 }}>
        <TextInput
          label="Agência"
          required
          inputMode="numeric"
          placeholder="0000"
          {...accountField('agency', (s) => digits(s, 4))}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 4, sm: 2 }}>
        <TextInput label="Dígito da agência" {...accountField('agencyDigit', checkDigit)} />
      </Grid.Col>
      {value.bankCode === CAIXA ? (
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            label="Operação"
            required
            inputMode="numeric"
            placeholder="001"
            description="001 conta corrente, 013 poupança…"
            {...accountField('operation', (s) => digits(s, 4))}
          />
        </Grid.Col>
      ) : null}
      <Grid.Col span={{ base: 8, sm: value.bankCode === CAIXA ? 6 : 8 }}>
        <TextInput
          label="Conta"
          required
          inputMode="numeric"
          {...accountField('account', (s) => digits(s, 13))}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 4, sm: value.bankCode === CAIXA ? 3 : 4 }}>
        <TextInput label="Dígito da conta" required {...accountField('accountDigit', checkDigit)} />
      </Grid.Col>
      {verified ? (
        <Grid.Col span={12}>
          <Text size="sm" c="teal.8" role="status">
            <IconCircleCheck size={16} style={{ verticalAlign: 'text-bottom' }} /> Dígitos conferidos para{' '}
            {bankName(value.bankCode ?? '')}.
          </Text>
        </Grid.Col>
      ) : null}
      <HolderFields label="Titular da conta" autoComplete="off" value={value} errors={errors} set={set} />
    </Grid>
  )
}

/** "Detalhes da Cobrança" of a phone-bill debit: carrier, phone, holder and CPF/CNPJ. */
export function PhoneAccountFields(props: FieldsProps<PhoneAccountValues>) {
  const { value, errors } = props
  const set = fieldSetter(props)
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <Autocomplete
          withAsterisk={false}
          label="Operadora"
          required
          data={CARRIERS}
          value={value.carrier}
          error={errors.carrier}
          onChange={(v) => set('carrier', v)}
          comboboxProps={{ withinPortal: true }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label="Telefone"
          required
          inputMode="tel"
          placeholder="(00) 0000-0000"
          value={value.phone}
          error={errors.phone}
          onChange={(e) => set('phone', maskPhone(e.currentTarget.value))}
        />
      </Grid.Col>
      <HolderFields label="Titular da linha" value={value} errors={errors} set={set} />
    </Grid>
  )
}

type Holder = Pick<BankValues, 'holderName' | 'holderDocument'>

/** The last row of both: the holder (of the account or of the line) and the holder's CPF/CNPJ. */
function HolderFields({
  label,
  autoComplete,
  value,
  errors,
  set,
}: {
  label: string
  autoComplete?: string
  value: Holder
  errors: Errors
  set: (field: keyof Holder, next: string) => void
}) {
  return (
    <>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label={label}
          required
          autoComplete={autoComplete}
          value={value.holderName}
          error={errors.holderName}
          onChange={(e) => set('holderName', e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <TextInput
          label="CPF/CNPJ do titular"
          required
          inputMode="numeric"
          autoComplete={autoComplete}
          value={value.holderDocument}
          error={errors.holderDocument}
          onChange={(e) => set('holderDocument', maskDocument(e.currentTarget.value))}
        />
      </Grid.Col>
    </>
  )
}
