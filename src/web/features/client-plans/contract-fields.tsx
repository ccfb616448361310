import { Grid, NumberInput, Select, Text, TextInput } from '@mantine/core'
import { DateInput } from '@mantine/dates'
import { IconCalendar } from '@tabler/icons-react'
import { parseBrazilianDate } from '../events/event-form.ts'
import type { ContractTemplate } from './client-plans.types.ts'
import { type ContractValues, clear, type Errors } from './plan-form.ts'

interface ContractFieldsProps {
  value: ContractValues
  onChange: (next: ContractValues) => void
  errors: Errors
  onErrors: (errors: Errors) => void
  templates: ContractTemplate[] | undefined
}

/**
 * Seed 5.4.1.1.1.1 "Contrato do Serviço": No. Contrato, Dt. Venda, Vl. Tx. Instalação and Parcelas,
 * Validade do Contrato (months) and Modelo.
 */
export function ContractFields({ value, onChange, errors, onErrors, templates }: ContractFieldsProps) {
  const set = <K extends keyof ContractValues>(field: K, next: ContractValues[K]) => {
    onChange({ ...value, [field]: next })
    if (errors[field as string]) onErrors(clear(errors, field as string))
  }
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          label="No. Contrato"
          required
          autoComplete="off"
          value={value.contractNumber}
          error={errors.contractNumber}
          onChange={(e) => set('contractNumber', e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <DateInput
          withAsterisk={false}
          label="Dt. Venda"
          required
          placeholder="dd/mm/aaaa"
          valueFormat="DD/MM/YYYY"
          dateParser={parseBrazilianDate}
          leftSection={<IconCalendar size={16} />}
          value={value.saleDate}
          error={errors.saleDate}
          onChange={(v) => set('saleDate', v)}
          popoverProps={{ withinPortal: true }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <Select
          label="Modelo"
          placeholder={templates?.length ? 'Escolha o modelo' : 'Modelo padrão'}
          data={(templates ?? []).map((t) => ({ value: t.id, label: t.name }))}
          value={value.templateId}
          error={errors.templateId}
          onChange={(v) => set('templateId', v)}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          label="Vl. Tx. Instalação"
          leftSection={
            <Text size="sm" c="dimmed">
              R$
            </Text>
          }
          placeholder="0,00"
          inputMode="decimal"
          autoComplete="off"
          value={value.installationFee}
          error={errors.installationFee}
          onChange={(e) => set('installationFee', e.currentTarget.value.replace(/[^\d.,]/g, ''))}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4 }}>
        <NumberInput
          withAsterisk={false}
          label="Parcelas"
          min={1}
          max={48}
          allowDecimal={false}
          allowNegative={false}
          value={value.installments}
          error={errors.installments}
          onChange={(v) => set('installments', String(v))}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4 }}>
        <NumberInput
          withAsterisk={false}
          label="Validade do Contrato (meses)"
          required
          min={1}
          max={120}
          allowDecimal={false}
          allowNegative={false}
          value={value.validityMonths}
          error={errors.validityMonths}
          onChange={(v) => set('validityMonths', String(v))}
        />
      </Grid.Col>
    </Grid>
  )
}
