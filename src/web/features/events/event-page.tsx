import { Anchor, Button, Center, Group, Loader, Menu, Stack, Tabs, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import {
  IconArrowLeft,
  IconCertificate,
  IconChevronDown,
  IconCopy,
  IconExternalLink,
  IconInfoCircle,
  IconMail,
  IconMailForward,
  IconPencil,
  IconPlus,
  IconUsers,
} from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { formatNumber } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { EventDataPanel, absoluteUrl } from './event-data-panel.tsx'
import { EventMails } from './event-mails.tsx'
import { EventParticipants } from './event-participants.tsx'
import { EventStatusBadge } from './event-status-badge.tsx'
import { formatEventRange } from './events.labels.ts'
import type { EventDetail, QueuedResult } from './events.types.ts'

const TABS = ['dados', 'participantes', 'emails'] as const
type Tab = (typeof TABS)[number]

/** `/eventos/:id`: one event, with its data, participants and e-mail log. */
export function EventPage() {
  const { id = '' } = useParams()
  const event = useApiQuery<EventDetail>(`/events/${encodeURIComponent(id)}`)

  if (event.error?.status === 404 || event.error?.status === 400) return <NotFoundContent />
  if (event.error && !event.data) return <LoadError error={event.error} onRetry={() => void event.reload()} />
  if (!event.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando evento" />
      </Center>
    )
  }
  return <EventView key={event.data.id} event={event.data} reload={event.reload} />
}

function EventView({ event, reload }: { event: EventDetail; reload: () => Promise<void> }) {
  useDocumentTitle(`${event.description} · Cadastra`)
  const [params, setParams] = useSearchParams()
  const requested = params.get('aba') as Tab | null
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'dados'
  const [resending, setResending] = useState(false)
  const [issuing, setIssuing] = useState(false)
  // Changes on every reload so the participants and e-mails refetch after an action up here.
  const [version, setVersion] = useState(0)

  async function refresh() {
    await reload()
    setVersion((v) => v + 1)
  }

  async function resendMail() {
    const result = await api.post<QueuedResult>(`/events/${event.id}/resend-mail`)
    notifySuccess(result.message)
    setVersion((v) => v + 1)
  }

  async function issueCertificates() {
    setIssuing(true)
    try {
      const result = await api.post<QueuedResult>(`/events/${event.id}/certificates/issue`)
      notifySuccess(result.message)
      await refresh()
    } catch (error) {
      notifyError(error, 'Não foi possível emitir os certificados')
    } finally {
      setIssuing(false)
    }
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(absoluteUrl(event.publicUrl))
      notifySuccess('Link público copiado.')
    } catch {
      notifyError(
        new ApiError(0, 'CLIPBOARD', `Copie o endereço: ${absoluteUrl(event.publicUrl)}`),
        'Não foi possível copiar o link',
      )
    }
  }

  return (
    <>
      <Anchor component={Link} to="/eventos" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={16} /> Eventos e treinamentos
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="md" mb="lg" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Text fz="h2" fw={700} c="dimmed" ff="monospace" lh={1.3} style={{ flexShrink: 0 }}>
              {event.code}
            </Text>
            <Title order={1} fz="h2" style={{ overflowWrap: 'anywhere' }}>
              {event.description}
            </Title>
          </Group>
          <Group gap="xs">
            <EventStatusBadge status={event.status} />
            <Text size="sm">{formatEventRange(event.startsAt, event.endsAt)}</Text>
            <Text size="sm" c="dimmed">
              · {event.typeName}
            </Text>
            {event.mainEventId ? (
              <Text size="sm" c="dimmed">
                · sessão do evento{' '}
                <Anchor component={Link} to={`/eventos/${event.mainEventId}`} size="sm">
                  {event.mainEventCode ?? 'principal'}
                </Anchor>
              </Text>
            ) : null}
          </Group>
        </Stack>
        <Group gap="sm">
          {event.canEdit ? (
            <Button
              component={Link}
              to={`/eventos/${event.id}/editar`}
              leftSection={<IconPencil size={18} />}
            >
              Editar
            </Button>
          ) : null}
          <Menu position="bottom-end" shadow="md" width={260} withinPortal>
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={16} />} loading={issuing}>
                Outros
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconMailForward size={16} />} onClick={() => setResending(true)}>
                Reenviar e-mail
              </Menu.Item>
              <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => void copyLink()}>
                Copiar link público
              </Menu.Item>
              <Menu.Item
                leftSection={<IconExternalLink size={16} />}
                component="a"
                href={event.publicUrl}
                target="_blank"
                rel="noopener noreferrer"
              >
                Abrir página pública
              </Menu.Item>
              {event.mainEventId ? null : (
                <Menu.Item
                  leftSection={<IconPlus size={16} />}
                  component={Link}
                  to={`/eventos/novo?principal=${event.id}`}
                >
                  Adicionar evento secundário
                </Menu.Item>
              )}
              {/* A session's certificates come from its main event (the server refuses them here). */}
              {event.mainEventId ? null : (
                <Menu.Item
                  leftSection={<IconCertificate size={16} />}
                  onClick={() => void issueCertificates()}
                >
                  Emitir certificados
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params)
          if (!value || value === 'dados') next.delete('aba')
          else next.set('aba', value)
          setParams(next, { replace: true })
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="dados" leftSection={<IconInfoCircle size={16} />}>
            Dados
          </Tabs.Tab>
          <Tabs.Tab value="participantes" leftSection={<IconUsers size={16} />}>
            Participantes ({formatNumber(event.registeredCount + event.waitlistCount)})
          </Tabs.Tab>
          <Tabs.Tab value="emails" leftSection={<IconMail size={16} />}>
            E-mails
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="dados">
          <EventDataPanel event={event} onChanged={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="participantes">
          <EventParticipants event={event} refreshKey={version} onChanged={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="emails">
          <EventMails eventId={event.id} refreshKey={version} />
        </Tabs.Panel>
      </Tabs>

      <ConfirmModal
        opened={resending}
        title="Reenviar e-mail"
        confirmLabel="Reenviar"
        onConfirm={resendMail}
        onClose={() => setResending(false)}
      >
        Reenviar a cada participante inscrito o e-mail com os dados do evento e o link de acesso?
      </ConfirmModal>
    </>
  )
}
