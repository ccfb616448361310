import { Alert, Box, Drawer, LoadingOverlay, Paper, Table, Tabs, Text } from '@mantine/core'
import { IconInfoCircle, IconMail, IconMessage } from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { formatDateTime } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { useSession } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { RefreshButton } from '../../shared/ui/refresh-button.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { OutboxMessageView } from './outbox-message-view.tsx'
import { OutboxSmsTable } from './outbox-sms-table.tsx'
import { OutboxStatusBadge } from './outbox-status-badge.tsx'
import type { OutboxMessage, OutboxSms } from './outbox.types.ts'

const PAGE_SIZE = 20

type OutboxTab = 'emails' | 'sms'

/** The tab lives in the URL (`?aba=sms`) so a link can open the SMS directly. */
const TAB_PARAM = 'aba'

export function OutboxPage() {
  const { app } = useSession()
  const [searchParams, setSearchParams] = useSearchParams()
  const tab: OutboxTab = searchParams.get(TAB_PARAM) === 'sms' ? 'sms' : 'emails'
  const [page, setPage] = useState(1)
  const [smsPage, setSmsPage] = useState(1)
  const [openId, setOpenId] = useState<string | null>(null)
  const list = useApiQuery<Paged<OutboxMessage>>(tab === 'emails' ? '/outbox' : null, {
    page,
    pageSize: PAGE_SIZE,
  })
  const smsList = useApiQuery<Paged<OutboxSms>>(tab === 'sms' ? '/outbox/sms' : null, {
    page: smsPage,
    pageSize: PAGE_SIZE,
  })
  const current = tab === 'sms' ? smsList : list
  const items = list.data?.items ?? []

  function selectTab(value: string | null) {
    const next = new URLSearchParams(searchParams)
    if (value === 'sms') next.set(TAB_PARAM, 'sms')
    else next.delete(TAB_PARAM)
    setSearchParams(next, { replace: true })
  }

  return (
    <>
      <PageHeader
        title="Caixa de saída (desenvolvimento)"
        description="Os e-mails e SMS gerados pelo sistema, do mais recente ao mais antigo."
        actions={<RefreshButton query={current} />}
      />

      <Tabs value={tab} onChange={selectTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="emails" leftSection={<IconMail size={16} />}>
            E-mails
          </Tabs.Tab>
          <Tabs.Tab value="sms" leftSection={<IconMessage size={16} />}>
            SMS
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="emails">
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
            {app?.mailMode === 'smtp'
              ? 'Esta instalação envia os e-mails por SMTP; esta página mostra uma cópia de cada mensagem.'
              : 'Nesta instalação os e-mails não saem do sistema: eles ficam guardados aqui para você conferir.'}
          </Alert>

          <Paper withBorder p="md">
            {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
            <Box pos="relative" mih={120}>
              <LoadingOverlay visible={list.loading && !list.data} zIndex={1} />
              {list.data && items.length === 0 ? (
                <EmptyState
                  icon={<IconMail size={28} stroke={1.5} />}
                  title="Nenhum e-mail ainda"
                  description="Convites, links de acesso e avisos aparecem aqui assim que forem gerados."
                />
              ) : null}
              {items.length > 0 ? (
                <Table.ScrollContainer minWidth={820}>
                  <Table aria-label="E-mails da caixa de saída" aria-busy={list.loading}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Para</Table.Th>
                        <Table.Th>Assunto</Table.Th>
                        <Table.Th>Situação</Table.Th>
                        <Table.Th w={150}>Criado em</Table.Th>
                        <Table.Th w={150}>Enviado em</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((mail) => (
                        <Table.Tr
                          key={mail.id}
                          className="cadastra-row-clickable"
                          onClick={() => setOpenId(mail.id)}
                        >
                          <Table.Td>
                            <Text size="sm">{mail.to}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text
                              size="sm"
                              component="button"
                              type="button"
                              fw={500}
                              c="brand.7"
                              ta="left"
                              style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                              onClick={(event: React.MouseEvent) => {
                                event.stopPropagation()
                                setOpenId(mail.id)
                              }}
                            >
                              {mail.subject}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <OutboxStatusBadge status={mail.status} />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{formatDateTime(mail.createdAt)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" c={mail.sentAt ? undefined : 'dimmed'}>
                              {mail.sentAt ? formatDateTime(mail.sentAt) : '—'}
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
        </Tabs.Panel>

        <Tabs.Panel value="sms">
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
            Cada SMS gerado pelo sistema (os códigos do KEYPASS por SMS, por exemplo) fica registrado aqui,
            com a situação do envio.
          </Alert>
          <Paper withBorder p="md">
            <OutboxSmsTable list={smsList} page={smsPage} pageSize={PAGE_SIZE} onPageChange={setSmsPage} />
          </Paper>
        </Tabs.Panel>
      </Tabs>

      <Drawer
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="min(860px, 100%)"
        title="E-mail"
      >
        {openId ? <OutboxMessageView id={openId} /> : null}
      </Drawer>
    </>
  )
}
