import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import type { ReactNode } from 'react'

interface AuthLayoutProps {
  title: string
  subtitle?: ReactNode
  children: ReactNode
}

/** Centered card used by the public screens (login, set password). */
export function AuthLayout({ title, subtitle, children }: AuthLayoutProps) {
  useDocumentTitle(`${title} · Cadastra`)
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420}>
        <Stack gap={2} mb="lg" align="center">
          <Text fw={800} fz={32} c="brand.7" style={{ letterSpacing: '-0.02em' }}>
            Cadastra
          </Text>
          <Text size="sm" c="dimmed">
            Integração de clientes, do cadastro ao acesso
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Stack gap="xs" mb="lg">
            <Title order={1} fz="h3">
              {title}
            </Title>
            {subtitle ? (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            ) : null}
          </Stack>
          {children}
        </Paper>
      </Box>
    </Center>
  )
}
