import { Box, Button, Group, Select, Stack, Stepper, Text, Textarea } from '@mantine/core'
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react'
import { useState } from 'react'
import { formatCep, isValidCep } from '../../../shared/documents.ts'
import { api } from '../../shared/api.ts'
import { ModalForm } from '../../shared/ui/modal-form.tsx'
import { AddressInputs, CepRow, LookupResult, useCepSearch } from './address-form.tsx'
import {
  type AddressErrors,
  type AddressValues,
  addressBody,
  EMPTY_ADDRESS,
  validateAddress,
} from './address.ts'
import { DUE_DAY_OPTIONS } from './client-plans.labels.ts'
import type { ClientPlanDetail } from './client-plans.types.ts'
import { BankFields } from './payment-fields.tsx'
import {
  type ActionProps,
  ActionFormModal,
  ActionModal,
  Refusal,
  usePlanChange,
} from './plan-action-modals.tsx'
import { type BankValues, bankBody, checkBank, EMPTY_BANK, type Errors, sub } from './plan-form.ts'

// ── Alterar Endereço ────────────────────────────────────────────────────────────────────────

/**
 * Seed 5.4.1.1.2 "Transferência de Endereço": "Novo Cep" (the CEP, "Avançar" looks it up) →
 * "Novo Endereço" (the address, filled from the CEP, and the reason) → "Finalizar".
 */
export function AddressTransferModal({ plan, opened, onClose, onDone }: ActionProps) {
  const [step, setStep] = useState(0)
  const [value, setValue] = useState<AddressValues>(EMPTY_ADDRESS)
  const [errors, setErrors] = useState<AddressErrors>({})
  const [reason, setReason] = useState('')
  const lookup = useCepSearch()
  const { busy, refusal, save } = usePlanChange(onDone)

  async function next() {
    if (!isValidCep(value.cep)) {
      setErrors({ cep: 'Digite os 8 dígitos do CEP.' })
      return
    }
    setErrors({})
    const found = lookup.state.kind === 'found' ? value : await lookup.search(value)
    if (found) setValue(found)
    // Not found or lookup down: the address is typed by hand on the next step.
    setStep(1)
  }

  async function finish() {
    const found = validateAddress(value)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      if (found.cep) setStep(0)
      return
    }
    await save(
      () =>
        api.post<ClientPlanDetail>(`/client-plans/${plan.id}/address-transfer`, {
          address: addressBody(value),
          reason: reason.trim() || null,
        }),
      `Endereço de instalação do plano nº ${plan.number} transferido.`,
      (fields) => setErrors(sub(fields, 'address') as AddressErrors),
    )
  }

  return (
    <ActionModal title="Transferência de Endereço" plan={plan} opened={opened} onClose={onClose} busy={busy}>
      <ModalForm
        noValidate
        onSubmit={() => (step === 0 ? next() : finish())}
        actions={
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Fechar
            </Button>
            {step === 1 ? (
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(0)}>
                Voltar
              </Button>
            ) : null}
            {step === 0 ? (
              <Button
                type="submit"
                rightSection={<IconArrowRight size={16} />}
                loading={lookup.state.kind === 'loading'}
              >
                Avançar
              </Button>
            ) : (
              <Button type="submit" leftSection={<IconCheck size={16} />} loading={busy}>
                Finalizar
              </Button>
            )}
          </Group>
        }
      >
        {plan.installationAddress ? (
          <Text size="sm">
            Endereço atual: <strong>{plan.installationAddress.line}</strong>
          </Text>
        ) : null}
        <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="xs">
          <Stepper.Step label="Novo Cep">
            <Box pt="sm">
              <CepRow
                value={value}
                onChange={setValue}
                errors={errors}
                setErrors={setErrors}
                lookup={lookup}
                autoFocus
              />
            </Box>
          </Stepper.Step>
          <Stepper.Step label="Novo Endereço">
            <Stack gap="sm" pt="sm">
              <Group gap="xs">
                <Text size="sm">
                  CEP <strong>{formatCep(value.cep)}</strong>
                </Text>
                <Button variant="subtle" size="compact-xs" onClick={() => setStep(0)}>
                  Alterar CEP
                </Button>
              </Group>
              {lookup.state.kind === 'missing' ? <LookupResult lookup={lookup} /> : null}
              <AddressInputs value={value} onChange={setValue} errors={errors} />
              <Textarea
                label="Motivo"
                autosize
                minRows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
            </Stack>
          </Stepper.Step>
        </Stepper>
        <Refusal message={refusal} />
      </ModalForm>
    </ActionModal>
  )
}

// ── Alterar Vencimento ──────────────────────────────────────────────────────────────────────

/** Seed 5.4.1.1.3 "Alterar Data de Vencimento": "Nova data de Vencimento", then "Alterar". */
export function DueDayModal(props: ActionProps) {
  const { plan, onDone } = props
  const [dueDay, setDueDay] = useState<string | null>(String(plan.dueDay))
  const [errors, setErrors] = useState<Errors>({})
  const action = usePlanChange(onDone)

  async function submit() {
    if (!dueDay) {
      setErrors({ dueDay: 'Escolha o dia.' })
      return
    }
    await action.save(
      () => api.post<ClientPlanDetail>(`/client-plans/${plan.id}/due-day`, { dueDay: Number(dueDay) }),
      `Vencimento do plano nº ${plan.number} alterado para o dia ${dueDay}.`,
      setErrors,
    )
  }

  return (
    <ActionFormModal
      {...props}
      action={action}
      title="Alterar Data de Vencimento"
      size="md"
      onSubmit={submit}
      submitLabel="Alterar"
      actionsMt={0}
    >
      <Text size="sm">
        Vencimento atual: <strong>todo dia {plan.dueDay}</strong>
      </Text>
      <Select
        label="Nova data de Vencimento"
        required
        data={DUE_DAY_OPTIONS}
        value={dueDay}
        error={errors.dueDay}
        onChange={setDueDay}
        comboboxProps={{ withinPortal: true }}
      />
    </ActionFormModal>
  )
}

// ── Autorização de Débito Bancário ─────────────────────────────────────────────────────────

/** Seed 5.4.1.1.4 "Autorização de Débito Bancário": the bank account to debit, then "Alterar". */
export function DebitAuthorizationModal(props: ActionProps) {
  const { plan, onDone } = props
  const [value, setValue] = useState<BankValues>(EMPTY_BANK)
  const [errors, setErrors] = useState<Errors>({})
  const action = usePlanChange(onDone)

  async function submit() {
    const found = checkBank(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    await action.save(
      () =>
        api.post<ClientPlanDetail>(`/client-plans/${plan.id}/debit-authorization`, { bank: bankBody(value) }),
      `Débito em conta autorizado no plano nº ${plan.number}.`,
      (fields) => setErrors(sub(fields, 'bank')),
    )
  }

  return (
    <ActionFormModal
      {...props}
      action={action}
      title="Autorização de Débito Bancário"
      size="xl"
      onSubmit={submit}
      submitLabel="Alterar"
      actionsMt={0}
    >
      {plan.paymentSummary ? (
        <Text size="sm">
          Cobrança atual: <strong>{plan.paymentLabel}</strong> · {plan.paymentSummary}
        </Text>
      ) : (
        <Text size="sm">
          Cobrança atual: <strong>{plan.paymentLabel}</strong>
        </Text>
      )}
      <BankFields value={value} onChange={setValue} errors={errors} onErrors={setErrors} />
    </ActionFormModal>
  )
}
