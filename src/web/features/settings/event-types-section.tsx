import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'

type EventType = { id: string; name: string; isPublic: boolean; isTraining: boolean }

/** The tenant's kinds of event (Treinamento interno, Treinamento aberto ao público, Reunião…). */
export function EventTypesSection() {
  const types = useApiQuery<{ items: EventType[] }>('/event-types')
  const [name, setName] = useState('')
  const [isPublic, setIsPublic] = useState(false)
  const [isTraining, setIsTraining] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function add(event: React.FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.post('/event-types', { name, isPublic, isTraining })
      notifySuccess(`Tipo "${name.trim()}" criado.`)
      setName('')
      setIsPublic(false)
      setIsTraining(false)
      await types.reload()
    } catch (err) {
      if (err instanceof ApiError) setError(err.fields?.name ?? err.message)
      else notifyError(err, 'Não foi possível criar o tipo')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Tipos de evento" mt="lg">
      <Stack gap={4} mb="md">
        <Title order={2} fz="h4">
          Tipos de evento
        </Title>
        <Text size="sm" c="dimmed">
          Os tipos que a equipe escolhe ao cadastrar um evento. Treinamentos liberam os convites das unidades
          que participam; tipos públicos aceitam inscrições de qualquer pessoa.
        </Text>
      </Stack>
      {types.error ? <LoadError error={types.error} onRetry={types.reload} /> : null}
      {types.data ? (
        <Table striped withTableBorder mb="md" aria-label="Tipos de evento cadastrados">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Nome</Table.Th>
              <Table.Th>Características</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {types.data.items.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {t.isTraining ? <Badge variant="light">Treinamento</Badge> : null}
                    {t.isPublic ? (
                      <Badge variant="light" color="teal">
                        Público
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <form onSubmit={add}>
        <Group align="flex-end" gap="md">
          <TextInput
            label="Novo tipo"
            placeholder="Ex.: Palestra"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            required
            w={260}
          />
          <Checkbox
            label="É um treinamento"
            checked={isTraining}
            onChange={(e) => setIsTraining(e.currentTarget.checked)}
            mb={8}
          />
          <Checkbox
            label="Aberto ao público"
            checked={isPublic}
            onChange={(e) => setIsPublic(e.currentTarget.checked)}
            mb={8}
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} />}
            loading={busy}
            disabled={name.trim().length < 2}
          >
            Adicionar tipo
          </Button>
        </Group>
      </form>
    </Paper>
  )
}
