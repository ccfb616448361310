import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconArrowLeft, IconCalendarPlus, IconUserCheck } from '@tabler/icons-react'
import { Link } from 'react-router'
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { EventStatusBadge } from './event-status-badge.tsx'
import type { HeldInvitations, HeldInvitationsUnit } from './events.types.ts'

/** `/eventos/convites-aguardando`: units whose users' invitations wait for the unit's training. */
export function HeldInvitationsPage() {
  const held = useApiQuery<HeldInvitations>('/training/held-invitations')
  const items = held.data?.items ?? []
  const total = items.reduce((sum, unit) => sum + unit.heldCount, 0)

  return (
    <>
      <Anchor component={Link} to="/eventos" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> Eventos e treinamentos
      </Anchor>
      <PageHeader
        title="Convites aguardando treinamento"
        description="Os convites de acesso destas unidades só são enviados depois que a unidade participa de um treinamento."
      />
      {held.error ? <LoadError error={held.error} onRetry={() => void held.reload()} /> : null}
      {!held.data && !held.error ? (
        <Center py="xl">
          <Loader aria-label="Carregando convites" />
        </Center>
      ) : null}
      {held.data && items.length === 0 ? (
        <Paper withBorder p="md">
          <EmptyState
            icon={<IconUserCheck size={28} stroke={1.5} />}
            title="Nenhum convite aguardando"
            description="Nenhuma unidade tem convites retidos à espera de treinamento."
          />
        </Paper>
      ) : null}
      {items.length > 0 ? (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {formatNumber(items.length)} {items.length === 1 ? 'unidade' : 'unidades'} · {formatNumber(total)}{' '}
            {total === 1 ? 'convite aguardando' : 'convites aguardando'}
          </Text>
          {items.map((unit) => (
            <UnitCard key={unit.clientOrgId} unit={unit} />
          ))}
        </Stack>
      ) : null}
    </>
  )
}

function UnitCard({ unit }: { unit: HeldInvitationsUnit }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={unit.clientOrgName}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 300px', minWidth: 0 }}>
          <Title order={2} fz="h4" style={{ overflowWrap: 'anywhere' }}>
            <Anchor
              component={Link}
              to={`/clientes/${unit.clientOrgId}`}
              c="inherit"
              fz="inherit"
              fw="inherit"
            >
              {unit.clientOrgName}
            </Anchor>
          </Title>
          <Text size="sm" ff="monospace" c="dimmed">
            {unit.document}
          </Text>
        </Stack>
        <Badge size="lg" variant="light" color="grape" style={{ flexShrink: 0 }}>
          {formatNumber(unit.heldCount)} {unit.heldCount === 1 ? 'convite aguardando' : 'convites aguardando'}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label={`Usuários de ${unit.clientOrgName}`} verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Usuário</Table.Th>
                <Table.Th w={110}>Desde</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {unit.users.map((user) => (
                <Table.Tr key={user.clientUserId}>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {user.name}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={formatDateTime(user.heldSince)}>
                      {formatDate(user.heldSince)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <TrainingBox unit={unit} />
      </SimpleGrid>
    </Paper>
  )
}

function TrainingBox({ unit }: { unit: HeldInvitationsUnit }) {
  const training = unit.training
  return (
    <Paper bg="gray.0" p="sm" radius="md">
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" mb={6}>
        Treinamento
      </Text>
      {training ? (
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text size="sm" ff="monospace" c="dimmed">
              {training.code}
            </Text>
            <Anchor
              component={Link}
              to={`/eventos/${training.eventId}`}
              size="sm"
              fw={500}
              style={{ overflowWrap: 'anywhere' }}
            >
              {training.description}
            </Anchor>
          </Group>
          <Group gap="xs">
            <Text size="sm">{formatDateTime(training.startsAt)}</Text>
            <EventStatusBadge status={training.status} size="sm" />
          </Group>
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="orange.8">
            Nenhum treinamento agendado
          </Text>
          <Button
            size="xs"
            component={Link}
            to={`/eventos/novo?cliente=${unit.clientOrgId}`}
            leftSection={<IconCalendarPlus size={16} />}
            aria-label={`Agendar treinamento para ${unit.clientOrgName}`}
          >
            Agendar treinamento
          </Button>
        </Stack>
      )}
    </Paper>
  )
}
