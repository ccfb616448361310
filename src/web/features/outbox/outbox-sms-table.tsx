import { Box, LoadingOverlay, Table, Text, Tooltip } from '@mantine/core'
import { IconMessage } from '@tabler/icons-react'
import { formatPhone } from '../../../shared/documents.ts'
import { formatDateTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import type { ApiQuery } from '../../shared/use-api-query.ts'
import { OutboxStatusBadge } from './outbox-status-badge.tsx'
import type { OutboxSms } from './outbox.types.ts'

interface OutboxSmsTableProps {
  list: ApiQuery<Paged<OutboxSms>>
  page: number
  pageSize: number
  onPageChange: (page: number) => void
}

/** The SMS tab of the outbox: every text message the system generated, newest first. */
export function OutboxSmsTable({ list, page, pageSize, onPageChange }: OutboxSmsTableProps) {
  const items = list.data?.items ?? []
  return (
    <>
      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      <Box pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading && !list.data} zIndex={1} />
        {list.data && items.length === 0 ? (
          <EmptyState
            icon={<IconMessage size={28} stroke={1.5} />}
            title="Nenhum SMS ainda"
            description="Códigos do KEYPASS por SMS e outros avisos por celular aparecem aqui assim que forem gerados."
          />
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={820}>
            <Table aria-label="SMS da caixa de saída" aria-busy={list.loading}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>Para</Table.Th>
                  <Table.Th>Mensagem</Table.Th>
                  <Table.Th w={120}>Situação</Table.Th>
                  <Table.Th w={150}>Criado em</Table.Th>
                  <Table.Th w={150}>Enviado em</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((sms) => (
                  <Table.Tr key={sms.id}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatPhone(sms.to)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-word' }}>
                        {sms.body}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={sms.error} disabled={!sms.error} multiline w={320}>
                        <span>
                          <OutboxStatusBadge status={sms.status} />
                        </span>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(sms.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={sms.sentAt ? undefined : 'dimmed'}>
                        {sms.sentAt ? formatDateTime(sms.sentAt) : '—'}
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
        <PaginationBar page={page} pageSize={pageSize} total={list.data.total} onChange={onPageChange} />
      ) : null}
    </>
  )
}
