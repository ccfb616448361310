import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { Link } from 'react-router'
import { formatCount } from '../../../shared/format.ts'
import { hasAll, PERMISSIONS } from '../../shared/permissions.ts'
import { useSession, useUser } from '../../shared/session.tsx'
import { HOME_ITEM, type NavItem, visibleGroups } from '../../shared/ui/navigation.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { TaskCounts } from '../tasks/tasks.types.ts'

export function HomePage() {
  const session = useSession()
  const user = useUser()
  const groups = visibleGroups(session)
    .map((group) => ({ ...group, items: group.items.filter((item) => item !== HOME_ITEM) }))
    .filter((group) => group.items.length > 0)

  return (
    <>
      <PageHeader
        title={`Olá, ${firstName(user.name)}!`}
        description={
          <>
            Você está em <strong>{user.tenant.name}</strong>. Escolha por onde começar.
          </>
        }
      />
      <Stack gap="xl">
        {hasAll(session.can, PERMISSIONS.settingsManage) ? <FailedTasksWarning /> : null}
        {groups.map((group) => (
          <section key={group.label ?? 'main'} aria-labelledby={`home-${group.label}`}>
            <Title order={2} fz="h4" mb="sm" id={`home-${group.label}`}>
              {group.label}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {group.items.map((item) => (
                <ModuleCard key={item.path} item={item} />
              ))}
            </SimpleGrid>
          </section>
        ))}
      </Stack>
    </>
  )
}

/** Administrators: background tasks that gave up (e-mails, notices, certificates…) need a look. */
function FailedTasksWarning() {
  const counts = useApiQuery<TaskCounts>('/tasks/counts')
  const failed = counts.data?.failed ?? 0
  if (failed === 0) return null
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Tarefas com falha">
      {formatCount(failed, 'tarefa em segundo plano desistiu', 'tarefas em segundo plano desistiram')} depois
      de todas as tentativas.{' '}
      <Anchor component={Link} to="/tarefas" fw={600} size="sm">
        Ver o motivo e tentar de novo
      </Anchor>
    </Alert>
  )
}

function ModuleCard({ item }: { item: NavItem }) {
  const Icon = item.icon
  return (
    <Card
      component={Link}
      to={item.path}
      withBorder
      padding="lg"
      radius="md"
      style={{ textDecoration: 'none', height: '100%' }}
      className="cadastra-module-card"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <ThemeIcon size={40} radius="md" variant="light" color={item.comingSoon ? 'gray' : 'brand'}>
          <Icon size={22} stroke={1.6} />
        </ThemeIcon>
        {item.comingSoon ? (
          <Badge variant="light" color="yellow" size="sm">
            Em breve
          </Badge>
        ) : null}
      </Group>
      <Text fw={600} mb={4}>
        {item.label}
      </Text>
      <Text size="sm" c="dimmed">
        {item.description}
      </Text>
    </Card>
  )
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}
