import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { INVITATION_STATUS, accessLevelLabel, notificationChannelLabel } from './client-users.labels.ts'
import type { ClientUser, ClientUserCompany, Department, OptionItem } from './client-users.types.ts'
import type { SendChoice, WizardValues } from './wizard-form.ts'

interface SummaryStepProps {
  values: WizardValues
  existing: ClientUser | null
  send: SendChoice | null
  departments: Department[]
  companies: Map<string, ClientUserCompany>
  permissions: OptionItem[]
  notificationTypes: OptionItem[]
}

/** What "Concluir" will save (and whether the invitation goes). */
export function invitationSummary(
  values: WizardValues,
  existing: ClientUser | null,
  send: SendChoice | null,
): string {
  const email = values.email.trim()
  if (values.isDemo) return 'Nenhum e-mail: usuário de demonstração.'
  if (!values.portalActive) return 'Nenhum: o acesso ao portal está inativo.'
  if (send === 'now') return `Será enviado para ${email} ao concluir.`
  if (send === 'later' || !existing) return 'Enviar mais tarde, pela lista de usuários.'
  const changedEmail = existing.email.toLowerCase() !== email.toLowerCase()
  if (changedEmail && existing.invitation.status !== 'accepted' && existing.invitation.status !== 'none') {
    return `Será reenviado para ${email}; o link anterior deixa de funcionar.`
  }
  return `Sem alteração (situação atual: ${INVITATION_STATUS[existing.invitation.status].label}).`
}

export function SummaryStep({
  values,
  existing,
  send,
  departments,
  companies,
  permissions,
  notificationTypes,
}: SummaryStepProps) {
  const departmentName = new Map(departments.map((d) => [d.id, d.name]))
  const permissionLabel = new Map(permissions.map((p) => [p.key, p.label]))

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Confira os dados. Para corrigir algo, volte à etapa pelo nome, no topo. Nada é salvo antes de você
        clicar em Concluir.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Geral">
          <Field label="Nome completo">{values.name.trim()}</Field>
          <Field label="E-mail">{values.email.trim()}</Field>
          <Field label="CPF">{values.cpf || <Dimmed>Não informado</Dimmed>}</Field>
          <Field label="Telefone">{values.phone || <Dimmed>Não informado</Dimmed>}</Field>
          <Field label="Acesso ao Portal do Cliente">
            <Badge variant="light" color={values.portalActive ? 'teal' : 'gray'}>
              {values.portalActive ? 'Ativo' : 'Inativo'}
            </Badge>
            {values.isDemo ? (
              <Badge variant="light" color="violet" ml="xs">
                Demonstração
              </Badge>
            ) : null}
          </Field>
          <Field label="Convite">{invitationSummary(values, existing, send)}</Field>
        </Section>

        <Section title="Departamentos">
          {values.departments.length === 0 ? <Dimmed>Nenhum</Dimmed> : null}
          {values.departments.map((d) => (
            <Group key={d.departmentId} justify="space-between" gap="xs">
              <Text size="sm">{departmentName.get(d.departmentId) ?? 'Departamento'}</Text>
              <Badge variant="light">{accessLevelLabel(d.level)}</Badge>
            </Group>
          ))}
        </Section>

        <Section title="Clientes">
          {values.companyIds.length === 0 ? <Dimmed>Nenhum</Dimmed> : null}
          {values.companyIds.map((id) => {
            const company = companies.get(id)
            return (
              <Group key={id} justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">{company?.name ?? 'Cliente'}</Text>
                <Text size="sm" c="dimmed" ff="monospace">
                  {company?.document}
                </Text>
              </Group>
            )
          })}
        </Section>

        <Section title="Permissões">
          {values.permissions.length === 0 ? <Dimmed>Nenhuma</Dimmed> : null}
          {values.permissions.map((key) => (
            <Text key={key} size="sm">
              {permissionLabel.get(key) ?? key}
            </Text>
          ))}
        </Section>

        <Section title="Notificações">
          {notificationTypes.map((type) => (
            <Group key={type.key} justify="space-between" gap="xs">
              <Text size="sm">{type.label}</Text>
              <Text size="sm" fw={500}>
                {notificationChannelLabel(values.notifications[type.key])}
              </Text>
            </Group>
          ))}
        </Section>
      </SimpleGrid>
    </Stack>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `summary-${title
    .normalize('NFD')
    .replace(/[^a-z]/gi, '')
    .toLowerCase()}`
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} fz="sm" tt="uppercase" c="dimmed" mb="sm" id={id}>
        {title}
      </Title>
      <Stack gap={6}>{children}</Stack>
    </Paper>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Group>
  )
}

function Dimmed({ children }: { children: ReactNode }) {
  return (
    <Text span size="sm" c="dimmed">
      {children}
    </Text>
  )
}
