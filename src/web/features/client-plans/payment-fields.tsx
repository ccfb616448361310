import { Autocomplete, Grid, Select, Text, TextInput } from '@mantine/core'
import { IconCircleCheck } from '@tabler/icons-react'
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

interface BankFieldsProps {
  value: BankValues
  onChange: (next: BankValues) => void
  errors: Errors
  onErrors: (errors: Errors) => void
}

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
export function BankFields({ value, onChange, errors, onErrors }: BankFieldsProps) {
  const set = <K extends keyof BankValues>(field: K, next: BankValues[K]) => {
    onChange({ ...value, [field]: next })
    if (errors[field as string]) onErrors(clear(errors, field as string))
  }
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
          autoComplete="off"
          placeholder="0000"
          value={value.agency}
          error={errors.agency}
          onChange={(e) => set('agency', digits(e.currentTarget.value, 4))}
          onBlur={() => checkNow()}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 4, sm: 2 }}>
        <TextInput
          label="Dígito da agência"
          autoComplete="off"
          value={value.agencyDigit}
          error={errors.agencyDigit}
          onChange={(e) => set('agencyDigit', checkDigit(e.currentTarget.value))}
          onBlur={() => checkNow()}
        />
      </Grid.Col>
      {value.bankCode === CAIXA ? (
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput
            label="Operação"
            required
            inputMode="numeric"
            autoComplete="off"
            placeholder="001"
            description="001 conta corrente, 013 poupança…"
            value={value.operation}
            error={errors.operation}
            onChange={(e) => set('operation', digits(e.currentTarget.value, 4))}
            onBlur={() => checkNow()}
          />
        </Grid.Col>
      ) : null}
      <Grid.Col span={{ base: 8, sm: value.bankCode === CAIXA ? 6 : 8 }}>
        <TextInput
          label="Conta"
          required
          inputMode="numeric"
          autoComplete="off"
          value={value.account}
          error={errors.account}
          onChange={(e) => set('account', digits(e.currentTarget.value, 13))}
          onBlur={() => checkNow()}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 4, sm: value.bankCode === CAIXA ? 3 : 4 }}>
        <TextInput
          label="Dígito da conta"
          required
          autoComplete="off"
          value={value.accountDigit}
          error={errors.accountDigit}
          onChange={(e) => set('accountDigit', checkDigit(e.currentTarget.value))}
          onBlur={() => checkNow()}
        />
      </Grid.Col>
      {verified ? (
        <Grid.Col span={12}>
          <Text size="sm" c="teal.8" role="status">
            <IconCircleCheck size={16} style={{ verticalAlign: 'text-bottom' }} /> Dígitos conferidos para{' '}
            {bankName(value.bankCode ?? '')}.
          </Text>
        </Grid.Col>
      ) : null}
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label="Titular da conta"
          required
          autoComplete="off"
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
          autoComplete="off"
          value={value.holderDocument}
          error={errors.holderDocument}
          onChange={(e) => set('holderDocument', maskDocument(e.currentTarget.value))}
        />
      </Grid.Col>
    </Grid>
  )
}

interface PhoneAccountFieldsProps {
  value: PhoneAccountValues
  onChange: (next: PhoneAccountValues) => void
  errors: Errors
  onErrors: (errors: Errors) => void
}

/** "Detalhes da Cobrança" of a phone-bill debit: carrier, phone, holder and CPF/CNPJ. */
export function PhoneAccountFields({ value, onChange, errors, onErrors }: PhoneAccountFieldsProps) {
  const set = <K extends keyof PhoneAccountValues>(field: K, next: PhoneAccountValues[K]) => {
    onChange({ ...value, [field]: next })
    if (errors[field as string]) onErrors(clear(errors, field as string))
  }
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
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label="Titular da linha"
          required
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
          value={value.holderDocument}
          error={errors.holderDocument}
          onChange={(e) => set('holderDocument', maskDocument(e.currentTarget.value))}
        />
      </Grid.Col>
    </Grid>
  )
}
