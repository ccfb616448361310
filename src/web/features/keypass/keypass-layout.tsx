import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import type { ReactNode } from 'react'

/** A centered card like the login's, a bit wider for the QR code and the recovery codes. */
export function KeypassLayout({
  title,
  subtitle,
  children,
}: {
  title: string
  subtitle?: ReactNode
  children: ReactNode
}) {
  useDocumentTitle(`${title} · Cadastra`)
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={560}>
        <Stack gap={2} mb="lg" align="center">
          <Text fw={800} fz={32} c="brand.7" style={{ letterSpacing: '-0.02em' }}>
            Cadastra
          </Text>
          <Text size="sm" c="dimmed">
            Integração de clientes, do cadastro ao acesso
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
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
