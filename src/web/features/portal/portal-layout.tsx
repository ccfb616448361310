import {
  AppShell,
  Avatar,
  Box,
  Button,
  Group,
  Menu,
  Stack,
  Text,
  UnstyledButton,
  useMantineTheme,
} from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import {
  IconBuilding,
  IconCalendarEvent,
  IconCheck,
  IconChevronDown,
  IconFolder,
  IconLogout,
  IconPackage,
  IconShieldLock,
  IconSwitchHorizontal,
  IconUser,
} from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { homePathFor, type Membership, membershipLabel, useSession, useUser } from '../../shared/session.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { NotificationsBell } from '../notifications/notifications-bell.tsx'

/** The client portal's shell: brand and company switcher on the left, the user's menu on the right. */
export function PortalLayout({ children }: { children?: ReactNode }) {
  const user = useUser()
  const theme = useMantineTheme()
  const isDesktop = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true)

  return (
    <AppShell header={{ height: isDesktop ? 64 : 112 }} padding="lg">
      <AppShell.Header>
        <Stack h="100%" justify="center" px="md" gap={6}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
              <Box style={{ flexShrink: 0 }}>
                <Text
                  component={Link}
                  to="/portal"
                  fw={800}
                  fz="xl"
                  c="brand.7"
                  lh={1.1}
                  style={{ letterSpacing: '-0.02em', textDecoration: 'none', display: 'block' }}
                >
                  Cadastra
                </Text>
                <Text
                  size="xs"
                  c="dimmed"
                  truncate
                  maw={220}
                  data-testid="current-tenant"
                  title={user.tenant.name}
                >
                  {user.tenant.name}
                </Text>
              </Box>
              {isDesktop ? <CompanySwitcher /> : null}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <NotificationsBell />
              <UserMenu />
            </Group>
          </Group>
          {isDesktop ? null : <CompanySwitcher />}
        </Stack>
      </AppShell.Header>

      <AppShell.Main bg="gray.0">
        <Box maw={1080} mx="auto">
          {children ?? <Outlet />}
        </Box>
      </AppShell.Main>
    </AppShell>
  )
}

/** ONVIO: "o usuário poderá alternar entre as empresas no canto superior esquerdo do Portal". */
function CompanySwitcher() {
  const user = useUser()
  const { switchCompany } = useSession()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const [busy, setBusy] = useState(false)
  const current = user.company

  if (!current) {
    return (
      <Text size="sm" c="dimmed">
        Nenhuma empresa vinculada
      </Text>
    )
  }

  const label = (
    <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
      <IconBuilding size={18} stroke={1.6} style={{ flexShrink: 0 }} />
      <Box style={{ minWidth: 0, textAlign: 'left' }}>
        <Text size="sm" fw={600} truncate maw={300} lh={1.2}>
          {current.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" lh={1.2}>
          {current.document}
        </Text>
      </Box>
    </Group>
  )

  if (user.companies.length <= 1) {
    return (
      <Box px="sm" py={4} data-testid="current-company">
        {label}
      </Box>
    )
  }

  async function choose(companyId: string, name: string) {
    if (companyId === current?.id) return
    setBusy(true)
    try {
      await switchCompany(companyId)
      // On the documents page the tree switches with the company; elsewhere, back to the start.
      navigate(pathname.startsWith('/portal/documentos') ? '/portal/documentos' : '/portal')
      notifySuccess(`Agora você está vendo ${name}.`)
    } catch (error) {
      notifyError(error, 'Não foi possível trocar de empresa')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={320}>
      <Menu.Target>
        <Button
          variant="default"
          h="auto"
          py={4}
          loading={busy}
          rightSection={<IconChevronDown size={14} />}
          aria-label={`Empresa atual: ${current.name}. Trocar de empresa`}
          data-testid="current-company"
          styles={{ label: { overflow: 'hidden' } }}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Trocar de empresa</Menu.Label>
        {user.companies.map((company) => (
          <Menu.Item
            key={company.id}
            onClick={() => void choose(company.id, company.name)}
            rightSection={company.id === current.id ? <IconCheck size={14} /> : null}
          >
            <Text size="sm">{company.name}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {company.document}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}

function UserMenu() {
  const user = useUser()
  const { logout, switchTenant } = useSession()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const several = user.memberships.length > 1

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

  async function chooseMembership(membership: Membership) {
    if (membership.tenantId === user.tenant.id && membership.kind === user.kind) return
    setBusy(true)
    try {
      const next = await switchTenant(membership.tenantId, membership.kind)
      if (next) navigate(homePathFor(next))
      notifySuccess(`Agora você está em ${membership.tenantName}.`)
    } catch (error) {
      notifyError(error, 'Não foi possível trocar de acesso')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <UnstyledButton
          aria-label={`Menu de ${user.name}`}
          data-testid="current-user"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
          p={4}
          disabled={busy}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar size={32} radius="xl" color="brand" name={user.name} />
            <Text size="sm" fw={500} truncate maw={180} visibleFrom="sm">
              {user.name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/portal/documentos" leftSection={<IconFolder size={16} />}>
          Documentos
        </Menu.Item>
        <Menu.Item component={Link} to="/portal/eventos" leftSection={<IconCalendarEvent size={16} />}>
          Meus eventos e certificados
        </Menu.Item>
        <Menu.Item component={Link} to="/portal/planos" leftSection={<IconPackage size={16} />}>
          Meus planos
        </Menu.Item>
        <Menu.Item component={Link} to="/portal/perfil" leftSection={<IconUser size={16} />}>
          Meu perfil
        </Menu.Item>
        <Menu.Item component={Link} to="/portal/seguranca" leftSection={<IconShieldLock size={16} />}>
          Segurança
        </Menu.Item>
        {several ? (
          <>
            <Menu.Divider />
            <Menu.Label>
              <Group gap={4}>
                <IconSwitchHorizontal size={12} /> Trocar de acesso
              </Group>
            </Menu.Label>
            {user.memberships.map((membership) => {
              const current = membership.tenantId === user.tenant.id && membership.kind === user.kind
              return (
                <Menu.Item
                  key={`${membership.tenantId}:${membership.kind}`}
                  onClick={() => void chooseMembership(membership)}
                  rightSection={current ? <IconCheck size={14} /> : null}
                >
                  {membershipLabel(membership, user.memberships)}
                </Menu.Item>
              )
            })}
          </>
        ) : null}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          Sair
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
