import {
  ActionIcon,
  Anchor,
  Badge,
  CopyButton,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format.ts'
import { EventArt } from './event-art.tsx'
import { EventStatusBadge } from './event-status-badge.tsx'
import { formatEventRange, formatHours, seatsLabel } from './events.labels.ts'
import type { EventDetail } from './events.types.ts'

/** The public URL as a full address (the API may answer with a path). */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).toString()
  } catch {
    return url
  }
}

/** The "Dados" tab: every field read-only, the art, the public link and the related events. */
export function EventDataPanel({ event, onChanged }: { event: EventDetail; onChanged: () => Promise<void> }) {
  const publicUrl = absoluteUrl(event.publicUrl)
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Title order={2} fz="h4" mb="md">
          Dados do evento
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing="md">
          <Field label="Código">{String(event.code)}</Field>
          <Field label="Descrição">{event.description}</Field>
          <Field label="Tipo">
            <Group gap={6}>
              <Text size="sm">{event.typeName}</Text>
              {event.isTraining ? (
                <Badge size="xs" variant="light" color="grape">
                  Treinamento
                </Badge>
              ) : null}
              {event.isPublicType ? (
                <Badge size="xs" variant="light" color="cyan">
                  Público
                </Badge>
              ) : null}
            </Group>
          </Field>
          <Field label="Data e horário">{formatEventRange(event.startsAt, event.endsAt)}</Field>
          <Field label="Status">
            <EventStatusBadge status={event.status} w="fit-content" />
          </Field>
          <Field label="Responsável">{event.responsibleName ?? ''}</Field>
          <Field label="Cliente / local base">{event.clientOrgName ?? ''}</Field>
          <Field label="Local">{event.location ?? ''}</Field>
          <Field label="Link da conferência">
            {event.onlineUrl ? (
              <Anchor
                href={event.onlineUrl}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
                style={{ wordBreak: 'break-all' }}
              >
                {event.onlineUrl}
              </Anchor>
            ) : null}
          </Field>
          <Field label="Inscrição pública">{event.publicRegistration ? 'Aberta' : 'Fechada'}</Field>
          <Field label="Vagas">
            {`${seatsLabel(event.registeredCount, event.capacity)}${
              event.waitlistCount > 0 ? ` · ${formatNumber(event.waitlistCount)} na lista de espera` : ''
            }${event.capacity === null ? ' (sem limite)' : ''}`}
          </Field>
          <Field label="Presentes">{formatNumber(event.attendedCount)}</Field>
          <Field label="Carga horária">{formatHours(event.workloadHours)}</Field>
          <Field label="Certificados">
            {`Certificados até ${formatDate(event.certificatesDueOn)} · ${formatNumber(event.certificatesIssued)} ${
              event.certificatesIssued === 1 ? 'emitido' : 'emitidos'
            }`}
          </Field>
          <Field label="Lembrete">
            {event.reminderSentAt
              ? `Enviado em ${formatDateTime(event.reminderSentAt)}`
              : // Created or moved to less than a day before the start: that moment has passed.
                new Date(event.reminderAt).getTime() <= Date.now()
                ? `Não enviado (previsto para ${formatDateTime(event.reminderAt)})`
                : `Previsto para ${formatDateTime(event.reminderAt)}`}
          </Field>
          <Field label="Link público">
            <Group gap={4} wrap="nowrap" align="flex-start">
              <Anchor
                href={publicUrl}
                target="_blank"
                rel="noopener noreferrer"
                size="sm"
                style={{ wordBreak: 'break-all' }}
              >
                {publicUrl}
              </Anchor>
              <CopyButton value={publicUrl}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copiado' : 'Copiar'}>
                    <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label="Copiar o link público">
                      {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          </Field>
          <Field label="Cadastrado em">{formatDateTime(event.createdAt)}</Field>
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} fz="h4" mb={4}>
          Arte de divulgação
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Aparece na página pública do evento. PNG, JPEG ou WebP, até 5 MB.
        </Text>
        <EventArt event={event} onChanged={onChanged} />
      </Paper>

      <RelatedEvents event={event} />
    </Stack>
  )
}

function RelatedEvents({ event }: { event: EventDetail }) {
  if (event.mainEventId) {
    return (
      <Paper withBorder p="md">
        <Title order={2} fz="h4" mb="xs">
          Evento principal
        </Title>
        <Text size="sm">
          Esta é uma sessão do evento{' '}
          <Anchor component={Link} to={`/eventos/${event.mainEventId}`} size="sm">
            {event.mainEventCode ?? 'principal'}
          </Anchor>
          ; segue o tipo, o cliente, o local, o link e as inscrições dele.
        </Text>
      </Paper>
    )
  }
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4">
          Eventos secundários
        </Title>
        <Anchor component={Link} to={`/eventos/novo?principal=${event.id}`} size="sm">
          Adicionar evento secundário
        </Anchor>
      </Group>
      {event.secondaries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nenhuma sessão adicional. Um evento secundário é outra data do mesmo evento, com os mesmos
          participantes.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Eventos secundários" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Código</Table.Th>
                <Table.Th>Descrição</Table.Th>
                <Table.Th w={200}>Data</Table.Th>
                <Table.Th w={110}>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {event.secondaries.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td ff="monospace">{s.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/eventos/${s.id}`} size="sm">
                      {s.description}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatEventRange(s.startsAt, s.endsAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <EventStatusBadge status={s.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === ''
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {label}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          Não informado
        </Text>
      ) : typeof children === 'string' ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {children}
        </Text>
      ) : (
        children
      )}
    </Stack>
  )
}
