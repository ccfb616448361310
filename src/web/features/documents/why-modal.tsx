import { Alert, Center, Loader, Modal, Stack, Text, ThemeIcon, Timeline } from '@mantine/core'
import { IconCheck, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { RemoteSelect } from '../events/remote-select.tsx'
import type { WhyAnswer } from './documents.types.ts'

const STEP_LABELS: Record<WhyAnswer['chain'][number]['kind'], string> = {
  user: 'Usuário',
  department: 'Departamento',
  level: 'Nível de acesso',
  company: 'Empresa',
  folder: 'Pasta',
}

type Person = { id: string; name: string; email: string; linked: boolean }
const toOption = (p: Person) => ({
  value: p.id,
  label: p.linked ? `${p.name} (${p.email})` : `${p.name} (${p.email}) — outra empresa`,
})

/** Staff: "Por que este usuário vê esta pasta?" — the chain user → department → level → company. */
export function WhyModal({
  clientOrgId,
  folder,
  onClose,
}: {
  clientOrgId: string
  folder: { id: string; name: string } | null
  onClose: () => void
}) {
  const [userId, setUserId] = useState<string | null>(null)
  useEffect(() => {
    if (!folder) setUserId(null)
  }, [folder])
  const answer = useApiQuery<WhyAnswer>(
    folder && userId ? `/documents/folders/${folder.id}/why` : null,
    userId ? { clientUserId: userId } : undefined,
  )

  return (
    <Modal opened={folder !== null} onClose={onClose} title="Por que vê esta pasta?" size="lg" centered>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Pasta <strong>{folder?.name}</strong>. Escolha um usuário do cliente para ver a cadeia usuário →
          departamento → nível → empresa, ou o motivo de ele não ver a pasta.
        </Text>
        <RemoteSelect<Person>
          label="Usuário do cliente"
          placeholder="Digite o nome ou o e-mail"
          path={`/client-orgs/${clientOrgId}/documents/people`}
          value={userId}
          onChange={(value) => setUserId(value)}
          toOption={toOption}
          data-testid="why-user"
        />
        {!userId ? null : answer.error ? (
          <LoadError error={answer.error} onRetry={() => void answer.reload()} />
        ) : !answer.data ? (
          <Center py="md">
            <Loader size="sm" aria-label="Verificando" />
          </Center>
        ) : (
          <>
            <Alert
              color={answer.data.canSee ? 'teal' : 'orange'}
              title={answer.data.canSee ? 'Vê a pasta' : 'Não vê a pasta'}
              data-testid="why-summary"
            >
              {answer.data.summary}
            </Alert>
            <Timeline bulletSize={26} lineWidth={2} aria-label="Cadeia de acesso">
              {answer.data.chain.map((step) => (
                <Timeline.Item
                  key={step.kind}
                  bullet={
                    <ThemeIcon size={26} radius="xl" color={step.ok ? 'teal' : 'red'}>
                      {step.ok ? <IconCheck size={16} /> : <IconX size={16} />}
                    </ThemeIcon>
                  }
                  title={`${STEP_LABELS[step.kind]}: ${step.label}`}
                >
                  <Text size="sm" c={step.ok ? 'dimmed' : 'red.8'}>
                    {step.detail}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </>
        )}
      </Stack>
    </Modal>
  )
}
