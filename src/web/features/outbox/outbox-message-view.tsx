import {
  Alert,
  Anchor,
  Box,
  Center,
  Code,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core'
import { IconAlertCircle, IconCode, IconFileText, IconLink, IconMail } from '@tabler/icons-react'
import { formatDateTime } from '../../../shared/format.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { OutboxStatusBadge } from './outbox-status-badge.tsx'
import type { OutboxMessageDetail } from './outbox.types.ts'

/** One e-mail of the outbox: header, HTML (sandboxed), text version and the links it carries. */
export function OutboxMessageView({ id }: { id: string }) {
  const message = useApiQuery<OutboxMessageDetail>(`/outbox/${encodeURIComponent(id)}`)

  if (message.error) return <LoadError error={message.error} onRetry={() => void message.reload()} />
  if (!message.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando" />
      </Center>
    )
  }
  const mail = message.data

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} fz="h4" style={{ wordBreak: 'break-word' }}>
          {mail.subject}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
          <Field label="Para" value={mail.to} />
          <Field label="Situação" value={<OutboxStatusBadge status={mail.status} />} />
          <Field label="Criado em" value={formatDateTime(mail.createdAt)} />
          <Field label="Enviado em" value={mail.sentAt ? formatDateTime(mail.sentAt) : '—'} />
          <Field label="Modelo" value={<Code>{mail.template}</Code>} />
        </SimpleGrid>
      </Stack>

      {mail.error ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title="Erro no envio">
          {mail.error}
        </Alert>
      ) : null}

      <Box>
        <Text fw={600} size="sm" mb={4}>
          <IconLink size={14} style={{ verticalAlign: 'middle', marginRight: 4 }} />
          Links na mensagem
        </Text>
        {mail.links.length === 0 ? (
          <Text size="sm" c="dimmed">
            Esta mensagem não tem links.
          </Text>
        ) : (
          <List size="sm" spacing={4} aria-label="Links na mensagem">
            {mail.links.map((link) => (
              <List.Item key={link} style={{ wordBreak: 'break-all' }}>
                <Anchor href={link} size="sm">
                  {link}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Box>

      <Tabs defaultValue="html" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html" leftSection={<IconMail size={16} />}>
            Mensagem
          </Tabs.Tab>
          <Tabs.Tab value="text" leftSection={<IconFileText size={16} />}>
            Texto
          </Tabs.Tab>
          <Tabs.Tab value="source" leftSection={<IconCode size={16} />}>
            Código HTML
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          <iframe
            title={`Conteúdo do e-mail: ${mail.subject}`}
            sandbox=""
            srcDoc={mail.html}
            style={{
              width: '100%',
              height: 520,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 'var(--mantine-radius-md)',
              background: 'white',
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <Code block className="cadastra-json" fz="sm">
            {mail.text || '(sem versão em texto)'}
          </Code>
        </Tabs.Panel>
        <Tabs.Panel value="source" pt="sm">
          <Code block className="cadastra-json">
            {mail.html}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
      <Text span c="dimmed" size="sm">
        {label}:{' '}
      </Text>
      {value}
    </Text>
  )
}
