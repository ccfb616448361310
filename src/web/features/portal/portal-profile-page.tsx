import { Group, Paper, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { membershipLabel, useUser } from '../../shared/session.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'

/** `/portal/perfil`: who the user is here (read-only; the provider's team keeps these data). */
export function PortalProfilePage() {
  const user = useUser()
  return (
    <>
      <PageHeader
        title="Meu perfil"
        description={`Para corrigir seus dados, fale com a equipe de ${user.tenant.name}.`}
      />
      <Paper withBorder p="lg" maw={640}>
        <Stack gap="sm">
          <Row label="Nome">{user.name}</Row>
          <Row label="E-mail">{user.email}</Row>
          <Row label="Prestador">{user.tenant.name}</Row>
          <Row label="Empresas">
            {user.companies.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nenhuma
              </Text>
            ) : (
              <Stack gap={2}>
                {user.companies.map((company) => (
                  <Text key={company.id} size="sm">
                    {company.name}{' '}
                    <Text span size="sm" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {company.document}
                    </Text>
                  </Text>
                ))}
              </Stack>
            )}
          </Row>
          {user.memberships.length > 1 ? (
            <Row label="Seus acessos">
              <Stack gap={2}>
                {user.memberships.map((m) => (
                  <Text key={`${m.tenantId}:${m.kind}`} size="sm">
                    {membershipLabel(m, user.memberships)}
                  </Text>
                ))}
              </Stack>
            </Row>
          ) : null}
        </Stack>
      </Paper>
    </>
  )
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group align="flex-start" gap="md" wrap="nowrap">
      <Text size="sm" c="dimmed" w={120} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1 }}>
        {typeof children === 'string' ? (
          // A long e-mail breaks inside instead of running off a phone's screen.
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {children}
          </Text>
        ) : (
          children
        )}
      </div>
    </Group>
  )
}
