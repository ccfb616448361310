import { Button, Center, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconLock, IconMapQuestion } from '@tabler/icons-react'
import { Link } from 'react-router'
import { EmptyState } from './empty-state.tsx'

export function FullPageMessage({ title, children }: { title: string; children?: React.ReactNode }) {
  useDocumentTitle(`${title} · Cadastra`)
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Text fw={700} c="brand.7" fz="lg">
          Cadastra
        </Text>
        <Title order={1} fz="h2">
          {title}
        </Title>
        {children}
      </Stack>
    </Center>
  )
}

/** 404 inside the app shell. */
export function NotFoundContent() {
  useDocumentTitle('Página não encontrada · Cadastra')
  return (
    <EmptyState
      icon={<IconMapQuestion size={28} stroke={1.5} />}
      title="Página não encontrada"
      description="O endereço que você abriu não existe ou foi movido. Confira o link ou volte para o início."
    >
      <Button component={Link} to="/">
        Voltar para o início
      </Button>
    </EmptyState>
  )
}

/** Shown when the user opens a screen their access profile does not allow. */
export function ForbiddenContent() {
  useDocumentTitle('Acesso não permitido · Cadastra')
  return (
    <EmptyState
      icon={<IconLock size={28} stroke={1.5} />}
      title="Acesso não permitido"
      description="Seu perfil de acesso não inclui esta tela. Se precisar dela, fale com o administrador da sua equipe."
    >
      <Button component={Link} to="/">
        Voltar para o início
      </Button>
    </EmptyState>
  )
}
