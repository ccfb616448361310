import { Box, Paper, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import type { ReactNode } from 'react'

interface PublicLayoutProps {
  title: string
  /** The provider (tenant) the ficha goes to, when known. */
  eyebrow?: ReactNode
  subtitle?: ReactNode
  children: ReactNode
  /** Card width: the form needs more room than the login card. */
  width?: number
}

/** Page outside the app shell for people without an account (the public ficha form and status). */
export function PublicLayout({ title, eyebrow, subtitle, children, width = 960 }: PublicLayoutProps) {
  useDocumentTitle(`${title} · Cadastra`)
  return (
    <Box mih="100vh" bg="gray.0" px="md" py="xl">
      <Box w="100%" maw={width} mx="auto">
        <Stack gap={2} mb="lg" align="center">
          <Text fw={800} fz={32} c="brand.7" style={{ letterSpacing: '-0.02em' }}>
            Cadastra
          </Text>
          <Text size="sm" c="dimmed">
            Integração de clientes, do cadastro ao acesso
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="lg" component="main">
          <Stack gap="xs" mb="lg">
            {eyebrow ? (
              <Text size="sm" fw={600} c="brand.7">
                {eyebrow}
              </Text>
            ) : null}
            <Title order={1} fz="h2">
              {title}
            </Title>
            {subtitle ? (
              <Text size="sm" c="dimmed" component="div">
                {subtitle}
              </Text>
            ) : null}
          </Stack>
          {children}
        </Paper>
      </Box>
    </Box>
  )
}
