import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { bankName } from '../../../shared/banks.ts'
import { formatCount, formatDate, formatMoneyCents } from '../../../shared/format.ts'
import { BILLING_CYCLE_LABELS, PAYMENT_LABELS, SERVICE_LABELS, STATUS_LABELS } from './client-plans.labels.ts'
import type { ContractTemplate, Plan } from './client-plans.types.ts'
import { contractBody, type PlanWizardValues, serviceIdentity } from './plan-form.ts'

interface PlanSummaryProps {
  values: PlanWizardValues
  plan: Plan | undefined
  addressLabel: (id: string | null) => string | null
  templates: ContractTemplate[]
}

/** Seed 4 "Dados do Plano": everything typed in the wizard, to read before finishing. */
export function PlanSummary({ values, plan, addressLabel, templates }: PlanSummaryProps) {
  const services = values.services.filter((s) => s.enabled)
  const { billing } = values
  const contract = values.withContract ? contractBody(values.contract) : null
  return (
    <Stack gap="md">
      <SummarySection title="Plano">
        <Row label="Plano">
          {plan ? (
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {plan.name}
              </Text>
              <Badge variant="light" size="sm">
                {plan.categoryName}
              </Badge>
            </Group>
          ) : null}
        </Row>
        <Row label="Valor">
          {plan
            ? `${formatMoneyCents(plan.priceCents)} por ${BILLING_CYCLE_LABELS[plan.billingCycle]}`
            : null}
        </Row>
        <Row label="Situação inicial">{plan ? STATUS_LABELS[plan.initialStatus] : null}</Row>
        <Row label="End. de Instalação">{addressLabel(values.installationAddressId)}</Row>
      </SummarySection>

      <SummarySection title="Detalhes do Plano">
        {services.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhum serviço configurado.
          </Text>
        ) : (
          services.map((s) => {
            const identity = serviceIdentity(s)
            const main =
              s.kind === 'email'
                ? identity.email
                : s.kind === 'radius'
                  ? identity.login
                  : s.kind === 'ip'
                    ? s.ip
                    : s.kind === 'antivirus'
                      ? `${s.licences} ${Number(s.licences) === 1 ? 'licença' : 'licenças'}`
                      : s.kind === 'domain_registration'
                        ? `${s.domain} por ${s.years} ${Number(s.years) === 1 ? 'ano' : 'anos'}`
                        : s.domain
            return (
              <Row key={s.kind} label={SERVICE_LABELS[s.kind]}>
                <Text size="sm" ff="monospace">
                  {main}
                  {s.kind === 'radius' || s.kind === 'email' ? ' · senha definida' : ''}
                </Text>
              </Row>
            )
          })
        )}
      </SummarySection>

      <SummarySection title="Detalhes do Contrato">
        {contract ? (
          <>
            <Row label="No. Contrato">{contract.contractNumber}</Row>
            <Row label="Dt. Venda">{formatDate(contract.saleDate)}</Row>
            <Row label="Vl. Tx. Instalação">
              {`${formatMoneyCents(contract.installationFeeCents)} em ${formatCount(contract.installments, 'parcela', 'parcelas')}`}
            </Row>
            <Row label="Validade do Contrato">{`${contract.validityMonths} meses`}</Row>
            <Row label="Modelo">
              {templates.find((t) => t.id === contract.templateId)?.name ?? 'Modelo padrão'}
            </Row>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Não informado agora (dá para cadastrar depois em Contrato).
          </Text>
        )}
      </SummarySection>

      <SummarySection title="Informações da Cobrança">
        <Row label="Endereço de cobrança">{addressLabel(billing.addressId)}</Row>
        <Row label="Forma de Pagamento">
          {billing.paymentMethod ? PAYMENT_LABELS[billing.paymentMethod] : null}
        </Row>
        <Row label="Vencimento">{billing.dueDay ? `Todo dia ${billing.dueDay}` : null}</Row>
        {billing.paymentMethod === 'debito_conta' ? (
          <Row label="Detalhes da Cobrança">
            {`${billing.bank.bankCode} ${bankName(billing.bank.bankCode ?? '') ?? ''} · Ag. ${billing.bank.agency}${
              billing.bank.agencyDigit ? `-${billing.bank.agencyDigit}` : ''
            }${billing.bank.operation ? ` · Op. ${billing.bank.operation}` : ''} · C/C ${billing.bank.account}-${
              billing.bank.accountDigit
            } · ${billing.bank.holderName} (${billing.bank.holderDocument})`}
          </Row>
        ) : null}
        {billing.paymentMethod === 'debito_telefone' ? (
          <Row label="Detalhes da Cobrança">
            {`${billing.phoneAccount.carrier} · ${billing.phoneAccount.phone} · ${billing.phoneAccount.holderName} (${billing.phoneAccount.holderDocument})`}
          </Row>
        ) : null}
      </SummarySection>
    </Stack>
  )
}

function SummarySection({ title, children }: { title: string; children: ReactNode }) {
  const id = `summary-${title.toLowerCase().replace(/\W+/g, '-')}`
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} fz="h5" mb="sm" id={id}>
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="xs">
        {children}
      </SimpleGrid>
    </Paper>
  )
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === ''
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {label}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          Não informado
        </Text>
      ) : typeof children === 'string' ? (
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {children}
        </Text>
      ) : (
        children
      )}
    </Stack>
  )
}
