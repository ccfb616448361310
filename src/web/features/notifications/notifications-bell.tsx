import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { IconBell, IconBellOff, IconChecks } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useNavigate } from 'react-router'
import { formatDateTime } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import { useSession, useUser } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError } from '../../shared/ui/errors.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { NotificationPage, PortalNotification } from './notifications.types.ts'

/** How often the bell asks for news while the page is visible. */
const POLL_MS = 60_000
/** The panel shows the latest ones; older notices stay in the database. */
const LATEST = 10

export function unreadLabel(unread: number): string {
  return `Notificações, ${unread} ${unread === 1 ? 'não lida' : 'não lidas'}`
}

/**
 * The portal's inbox (the "Sistema" channel of the notification preferences): a bell with the
 * unread count in the header, opening the latest notifications. Opening one marks it read, switches
 * to the company it is about and follows its link.
 */
export function NotificationsBell() {
  const [opened, setOpened] = useState(false)
  const [busy, setBusy] = useState(false)
  const inbox = useApiQuery<NotificationPage>('/portal/notifications', { pageSize: LATEST })
  const { reload } = inbox
  const user = useUser()
  const { switchCompany } = useSession()
  const navigate = useNavigate()
  const unread = inbox.data?.unread ?? 0

  // Fresh count every minute (and when the tab comes back) without reloading the page.
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') void reload()
    }
    const timer = window.setInterval(refresh, POLL_MS)
    document.addEventListener('visibilitychange', refresh)
    return () => {
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', refresh)
    }
  }, [reload])

  function toggle() {
    if (!opened) void reload()
    setOpened((o) => !o)
  }

  async function open(notification: PortalNotification) {
    setOpened(false)
    try {
      if (!notification.readAt) await api.post(`/portal/notifications/${notification.id}/read`)
      const companyId = notification.clientOrgId
      if (
        companyId &&
        companyId !== user.company?.id &&
        user.companies.some((company) => company.id === companyId)
      ) {
        await switchCompany(companyId)
      }
    } catch (error) {
      notifyError(error, 'Não foi possível abrir a notificação')
    }
    void reload()
    navigate(notification.link.startsWith('/') ? notification.link : '/portal')
  }

  async function markAll() {
    setBusy(true)
    try {
      await api.post('/portal/notifications/read-all')
      await reload()
    } catch (error) {
      notifyError(error, 'Não foi possível marcar as notificações como lidas')
    } finally {
      setBusy(false)
    }
  }

  const items = inbox.data?.items ?? []
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={400}
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          disabled={unread === 0}
          size={18}
          color="red"
          offset={6}
          data-testid="notifications-count"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="xl"
            aria-label={unreadLabel(unread)}
            aria-haspopup="dialog"
            aria-expanded={opened}
            onClick={toggle}
          >
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label="Notificações" maw="calc(100vw - 16px)">
        <Group justify="space-between" px="md" py="sm" wrap="nowrap">
          <Text fw={600}>Notificações</Text>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconChecks size={16} />}
            disabled={unread === 0}
            loading={busy}
            style={{ flexShrink: 0 }}
            onClick={() => void markAll()}
          >
            Marcar todas como lidas
          </Button>
        </Group>
        <Divider />
        {inbox.data === undefined ? (
          <Group justify="center" p="lg">
            {inbox.error ? (
              <Text size="sm" c="red">
                {inbox.error.message}
              </Text>
            ) : (
              <Loader size="sm" aria-label="Carregando notificações" />
            )}
          </Group>
        ) : items.length === 0 ? (
          <EmptyState
            icon={<IconBellOff size={28} stroke={1.5} />}
            title="Nenhuma notificação por enquanto."
            description="Os avisos que você escolheu receber no sistema aparecem aqui."
          />
        ) : (
          <ScrollArea.Autosize mah={440} type="auto">
            <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {items.map((notification) => (
                <NotificationItem
                  key={notification.id}
                  notification={notification}
                  onOpen={() => void open(notification)}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  )
}

function NotificationItem({
  notification,
  onOpen,
}: {
  notification: PortalNotification
  onOpen: () => void
}) {
  const isUnread = notification.readAt === null
  return (
    <Box component="li" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <UnstyledButton
        onClick={onOpen}
        w="100%"
        px="md"
        py="sm"
        bg={isUnread ? 'brand.0' : undefined}
        data-testid="notification-item"
        data-unread={isUnread || undefined}
        aria-label={`${isUnread ? 'Não lida: ' : ''}${notification.title}`}
      >
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <Box
            mt={6}
            w={8}
            h={8}
            style={{
              flexShrink: 0,
              borderRadius: '50%',
              background: isUnread ? 'var(--mantine-color-brand-6)' : 'transparent',
            }}
            aria-hidden
          />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" fw={isUnread ? 700 : 500} lh={1.3}>
              {notification.title}
            </Text>
            <Text size="sm" c="dimmed" lh={1.35}>
              {notification.body}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(notification.createdAt)}
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
    </Box>
  )
}
