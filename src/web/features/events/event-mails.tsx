import { Badge, Box, LoadingOverlay, Paper, Table, Text } from '@mantine/core'
import { IconMail } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { formatDateTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { mailKindLabel, mailStatusColor, mailStatusLabel } from './events.labels.ts'
import type { MailLogItem } from './events.types.ts'

const PAGE_SIZE = 50

/** The "E-mails" tab: one row per e-mail sent to one participant. */
export function EventMails({ eventId, refreshKey }: { eventId: string; refreshKey: number }) {
  const [page, setPage] = useState(1)
  const list = useApiQuery<Paged<MailLogItem>>(`/events/${eventId}/mails`, { page, pageSize: PAGE_SIZE })
  const { reload } = list
  const items = list.data?.items ?? []

  useEffect(() => {
    if (refreshKey > 0) void reload()
  }, [refreshKey, reload])

  return (
    <Paper withBorder p="md">
      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      <Box pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
        {list.data && items.length === 0 ? (
          <EmptyState
            icon={<IconMail size={28} stroke={1.5} />}
            title="Nenhum e-mail enviado"
            description="Confirmações, lembretes, avisos de mudança e certificados enviados aos participantes aparecem aqui."
          />
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={960}>
            <Table aria-label="E-mails do evento" aria-busy={list.loading} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Participante</Table.Th>
                  <Table.Th w={230}>E-mail</Table.Th>
                  <Table.Th w={200}>Tipo</Table.Th>
                  <Table.Th w={100}>Situação</Table.Th>
                  <Table.Th w={150}>Enviado em</Table.Th>
                  <Table.Th w={220}>Erro</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((mail) => (
                  <Table.Tr key={mail.id}>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {mail.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {mail.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{mailKindLabel(mail.kind)}</Text>
                      <Text size="xs" c="dimmed">
                        Na fila em {formatDateTime(mail.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={mailStatusColor(mail.status)}
                        style={{ minWidth: 'max-content' }}
                      >
                        {mailStatusLabel(mail.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={mail.sentAt ? undefined : 'dimmed'}>
                        {mail.sentAt ? formatDateTime(mail.sentAt) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="red.8" style={{ overflowWrap: 'anywhere' }}>
                        {mail.error ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
      {list.data ? (
        <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} />
      ) : null}
    </Paper>
  )
}
