import {
  AppShell,
  Box,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  useMantineTheme,
} from '@mantine/core'
import { useDisclosure, useMediaQuery } from '@mantine/hooks'
import { IconCheck, IconChevronDown, IconLogout, IconSwitchHorizontal } from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router'
import { homePathFor, type Membership, membershipLabel, useSession, useUser } from '../session.tsx'
import { notifyError, notifySuccess } from './errors.ts'
import { PortalLayout } from '../../features/portal/portal-layout.tsx'
import { visibleGroups } from './navigation.tsx'

export function AppLayout({ children }: { children?: ReactNode }) {
  const { user } = useSession()
  // Client users never see the staff shell (e.g. on a 404): their own layout instead; a session
  // still waiting for the KEYPASS goes where it must.
  if (user && user.stage !== 'full') return <Navigate to={homePathFor(user)} replace />
  if (user?.kind === 'client') return <PortalLayout>{children}</PortalLayout>
  return <StaffShell>{children}</StaffShell>
}

function StaffShell({ children }: { children?: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure()
  // One tenant switcher in the DOM: in the header on wide screens, atop the navbar on phones.
  const theme = useMantineTheme()
  const isDesktop = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true)

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Fechar menu' : 'Abrir menu'}
            />
            <Text
              component={Link}
              to="/"
              fw={800}
              fz="xl"
              c="brand.7"
              style={{ letterSpacing: '-0.02em', textDecoration: 'none' }}
            >
              Cadastra
            </Text>
            {isDesktop ? <TenantSwitcher /> : null}
          </Group>
          <UserArea />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar>
        {isDesktop ? null : (
          <AppShell.Section p="sm" pb={0}>
            <TenantSwitcher />
          </AppShell.Section>
        )}
        <AppShell.Section grow component={ScrollArea} p="sm">
          <Navigation onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Box maw={1280} mx="auto">
          {children ?? <Outlet />}
        </Box>
      </AppShell.Main>
    </AppShell>
  )
}

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const session = useSession()
  const { pathname } = useLocation()
  const groups = visibleGroups(session)

  return (
    <Box component="nav" aria-label="Navegação principal">
      {groups.map((group) => (
        <Box key={group.label ?? 'main'} mb="sm">
          {group.label ? (
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
              {group.label}
            </Text>
          ) : null}
          {group.items.map((item) => {
            const Icon = item.icon
            const active = item.path === '/' ? pathname === '/' : pathname.startsWith(item.path)
            return (
              <NavLink
                key={item.path}
                component={Link}
                to={item.path}
                label={item.label}
                active={active}
                aria-current={active ? 'page' : undefined}
                leftSection={<Icon size={18} stroke={1.6} />}
                onClick={onNavigate}
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            )
          })}
        </Box>
      ))}
    </Box>
  )
}

function TenantSwitcher() {
  const user = useUser()
  const { switchTenant } = useSession()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const memberships = user.memberships

  if (memberships.length <= 1) {
    return (
      <Text size="sm" c="dimmed" truncate maw={360} data-testid="current-tenant" title={user.tenant.name}>
        {user.tenant.name}
      </Text>
    )
  }

  async function choose(membership: Membership) {
    if (membership.tenantId === user.tenant.id && membership.kind === user.kind) return
    setBusy(true)
    try {
      const next = await switchTenant(membership.tenantId, membership.kind)
      navigate(next ? homePathFor(next) : '/')
      notifySuccess(`Agora você está em ${membership.tenantName}.`)
    } catch (error) {
      notifyError(error, 'Não foi possível trocar de inquilino')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="sm"
          loading={busy}
          leftSection={<IconSwitchHorizontal size={16} />}
          rightSection={<IconChevronDown size={14} />}
          aria-label={`Inquilino atual: ${user.tenant.name}. Trocar de inquilino`}
          data-testid="current-tenant"
          styles={{ label: { maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {user.tenant.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Trocar de inquilino</Menu.Label>
        {memberships.map((membership) => {
          const current = membership.tenantId === user.tenant.id && membership.kind === user.kind
          return (
            <Menu.Item
              key={`${membership.tenantId}:${membership.kind}`}
              onClick={() => void choose(membership)}
              rightSection={current ? <IconCheck size={14} /> : null}
            >
              {membershipLabel(membership, memberships)}
            </Menu.Item>
          )
        })}
      </Menu.Dropdown>
    </Menu>
  )
}

function UserArea() {
  const user = useUser()
  const { logout } = useSession()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)

  async function signOut() {
    setBusy(true)
    try {
      await logout()
    } catch {
      // The session is cleared locally anyway.
    } finally {
      setBusy(false)
      navigate('/entrar', { replace: true })
    }
  }

  return (
    <Group gap="sm" wrap="nowrap">
      <Tooltip label={user.email} openDelay={400}>
        <UnstyledButton component="span" visibleFrom="sm" style={{ cursor: 'default' }}>
          <Text size="sm" fw={500} truncate maw={220} data-testid="current-user">
            {user.name}
          </Text>
        </UnstyledButton>
      </Tooltip>
      <Button
        variant="default"
        size="sm"
        leftSection={<IconLogout size={16} />}
        onClick={() => void signOut()}
        loading={busy}
      >
        Sair
      </Button>
    </Group>
  )
}
