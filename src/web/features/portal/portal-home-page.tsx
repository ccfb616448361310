import {
  Anchor,
  Badge,
  Center,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import {
  IconBuilding,
  IconCalendarEvent,
  IconChevronRight,
  IconFolder,
  IconListCheck,
  IconPackage,
} from '@tabler/icons-react'
import { Link } from 'react-router'
import { type CompanyRef, useUser } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { DEFAULT_ACCESS_LEVELS } from '../client-users/client-users.labels.ts'
import type { AccessLevel } from '../client-users/client-users.types.ts'
import type { PortalHome } from './portal.types.ts'

const LEVEL_COLORS: Record<AccessLevel, string> = {
  revisor: 'gray',
  contribuinte: 'blue',
  proprietario: 'teal',
}

/** `/portal`: the current company, the user's departments with their access level, and (later) documents. */
export function PortalHomePage() {
  const user = useUser()
  return (
    <>
      <PageHeader
        title={`Olá, ${firstName(user.name)}!`}
        description={
          <>
            Portal do Cliente de <strong>{user.tenant.name}</strong>.
          </>
        }
      />
      {user.company ? (
        // Remount per company: switching companies reloads everything below.
        <PortalHomeContent key={user.company.id} fallback={user.company} />
      ) : (
        <Paper withBorder p="xl">
          <EmptyState
            icon={<IconBuilding size={28} stroke={1.5} />}
            title="Nenhuma empresa vinculada"
            description={`Seu acesso ainda não está ligado a nenhuma empresa. Fale com a equipe de ${user.tenant.name}.`}
          />
        </Paper>
      )}
    </>
  )
}

function PortalHomeContent({ fallback }: { fallback: CompanyRef }) {
  const home = useApiQuery<PortalHome>('/portal/home')

  if (home.error) return <LoadError error={home.error} onRetry={() => void home.reload()} />
  if (!home.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando" />
      </Center>
    )
  }
  const { departments, permissions } = home.data
  const company = home.data.company ?? fallback

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" component="section" aria-label="Empresa atual">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={44} radius="md" variant="light">
            <IconBuilding size={24} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              Empresa atual
            </Text>
            <Text fw={600} fz="lg">
              {company.name}
            </Text>
            <Text size="sm" c="dimmed" ff="monospace">
              {company.document}
            </Text>
          </div>
        </Group>
      </Paper>

      <Anchor
        component={Link}
        to="/portal/eventos"
        underline="never"
        c="inherit"
        data-testid="portal-events-link"
      >
        <Paper withBorder p="lg">
          <Group gap="md" wrap="nowrap" justify="space-between">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={44} radius="md" variant="light" color="teal">
                <IconCalendarEvent size={24} stroke={1.6} />
              </ThemeIcon>
              <div>
                <Text fw={600} fz="lg">
                  Meus eventos e certificados
                </Text>
                <Text size="sm" c="dimmed">
                  Inscrições em eventos e treinamentos, links de acesso e certificados.
                </Text>
              </div>
            </Group>
            <IconChevronRight size={20} style={{ flexShrink: 0 }} />
          </Group>
        </Paper>
      </Anchor>

      <Anchor
        component={Link}
        to="/portal/planos"
        underline="never"
        c="inherit"
        data-testid="portal-plans-link"
      >
        <Paper withBorder p="lg">
          <Group gap="md" wrap="nowrap" justify="space-between">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={44} radius="md" variant="light" color="indigo">
                <IconPackage size={24} stroke={1.6} />
              </ThemeIcon>
              <div>
                <Text fw={600} fz="lg">
                  Meus planos
                </Text>
                <Text size="sm" c="dimmed">
                  Planos contratados, serviços incluídos e a próxima instalação.
                </Text>
              </div>
            </Group>
            <IconChevronRight size={20} style={{ flexShrink: 0 }} />
          </Group>
        </Paper>
      </Anchor>

      <section aria-labelledby="portal-departments">
        <Title order={2} fz="h4" mb="sm" id="portal-departments">
          Seus departamentos
        </Title>
        {departments.length === 0 ? (
          <Paper withBorder p="md">
            <Text size="sm" c="dimmed">
              Você ainda não participa de nenhum departamento desta empresa.
            </Text>
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {departments.map((department) => (
              <Paper key={department.id} withBorder p="md" role="group" aria-label={department.name}>
                <Group justify="space-between" wrap="nowrap" mb={6}>
                  <Group gap="xs" wrap="nowrap">
                    <IconFolder size={20} stroke={1.6} color="var(--mantine-color-brand-6)" />
                    <Text fw={600}>{department.name}</Text>
                  </Group>
                  <Badge variant="light" color={LEVEL_COLORS[department.level] ?? 'gray'}>
                    {department.levelLabel}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {DEFAULT_ACCESS_LEVELS.find((l) => l.key === department.level)?.description}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </section>

      {permissions.length > 0 ? (
        <section aria-labelledby="portal-permissions">
          <Title order={2} fz="h4" mb="sm" id="portal-permissions">
            O que você pode fazer
          </Title>
          <Paper withBorder p="md">
            <List
              size="sm"
              spacing={4}
              icon={<IconListCheck size={16} color="var(--mantine-color-teal-7)" />}
            >
              {permissions.map((permission) => (
                <List.Item key={permission.key}>{permission.label}</List.Item>
              ))}
            </List>
          </Paper>
        </section>
      ) : null}

      <Anchor
        component={Link}
        to="/portal/documentos"
        underline="never"
        c="inherit"
        data-testid="portal-documents-link"
      >
        <Paper withBorder p="lg">
          <Group gap="md" wrap="nowrap" justify="space-between">
            <Group gap="md" wrap="nowrap">
              <ThemeIcon size={44} radius="md" variant="light" color="brand">
                <IconFolder size={24} stroke={1.6} />
              </ThemeIcon>
              <div>
                <Text fw={600} fz="lg">
                  Documentos
                </Text>
                <Text size="sm" c="dimmed">
                  As pastas dos seus departamentos: documentos publicados pelo escritório e os que você envia.
                </Text>
              </div>
            </Group>
            <IconChevronRight size={20} style={{ flexShrink: 0 }} />
          </Group>
        </Paper>
      </Anchor>
    </Stack>
  )
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}
