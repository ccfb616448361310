import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertCircle, IconChecklist } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { api, isApiError } from '../../shared/api.ts'
import { notifyError } from '../../shared/ui/errors.ts'
import type { ImportRun } from './imports.types.ts'

interface MappingStepProps {
  run: ImportRun
  onValidated: (run: ImportRun) => void
  onCancel?: () => void
}

const NOT_IMPORTED = ''

/**
 * Step 2: each column of the file and the field it feeds, guessed from the header (pt-BR or
 * English) and adjustable; a few rows of the file show what each column holds.
 */
export function MappingStep({ run, onValidated, onCancel }: MappingStepProps) {
  const [fields, setFields] = useState<string[]>(() => run.mapping.map((m) => m.field ?? NOT_IMPORTED))
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const used = useMemo(
    () => new Map(fields.filter(Boolean).map((f) => [f, fields.filter((x) => x === f).length])),
    [fields],
  )
  const missing = run.fields.filter((f) => f.required && !used.has(f.key))
  const repeated = run.fields.filter((f) => (used.get(f.key) ?? 0) > 1)
  const options = [
    { value: NOT_IMPORTED, label: 'Não importar' },
    ...run.fields.map((f) => ({ value: f.key, label: f.required ? `${f.label} *` : f.label })),
  ]

  async function validate() {
    setBusy(true)
    setProblem(null)
    try {
      const next = await api.post<ImportRun>(`/imports/${run.id}/dry-run`, {
        mapping: fields.map((field, column) => ({ column, field: field || null })),
      })
      onValidated(next)
    } catch (error) {
      if (isApiError(error, 'IMPORT_MAPPING_INVALID')) setProblem(error.message)
      else notifyError(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <div>
          <Title order={2} fz="h4">
            Colunas da planilha
          </Title>
          <Text size="sm" c="dimmed">
            Confira o campo do Cadastra que cada coluna preenche. Os campos com * são obrigatórios; colunas
            marcadas “Não importar” ficam de fora.
            {run.headerRow > 1
              ? ` Os títulos das colunas estão na linha ${run.headerRow}: as linhas acima dela não são importadas.`
              : ''}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="24%">Coluna da planilha</Table.Th>
                <Table.Th w="32%">Campo do Cadastra</Table.Th>
                <Table.Th>Exemplos (primeiras linhas)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.mapping.map(({ column, header }) => {
                const examples = run.sample
                  .map((r) => r[column])
                  .filter(Boolean)
                  .slice(0, 3)
                const field = run.fields.find((f) => f.key === fields[column])
                return (
                  <Table.Tr key={column}>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {header}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Campo da coluna ${header}`}
                        data={options}
                        value={fields[column]}
                        error={
                          field && (used.get(field.key) ?? 0) > 1
                            ? 'Campo escolhido em outra coluna'
                            : undefined
                        }
                        onChange={(event) => {
                          const value = event.currentTarget.value
                          setFields((current) => current.map((f, i) => (i === column ? value : f)))
                        }}
                      />
                      {field?.hint ? (
                        <Text size="xs" c="dimmed" mt={4}>
                          {field.hint}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={examples.length ? undefined : 'dimmed'}
                        style={{ wordBreak: 'break-word' }}
                      >
                        {examples.length ? examples.join(' · ') : '(vazia)'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {missing.length || repeated.length || problem ? (
          <Alert color="orange" icon={<IconAlertCircle size={18} />} role="alert">
            <Stack gap={2}>
              {missing.map((f) => (
                <Text key={f.key} size="sm">
                  Escolha a coluna do campo obrigatório {f.label}.
                </Text>
              ))}
              {repeated.map((f) => (
                <Text key={f.key} size="sm">
                  O campo {f.label} está em mais de uma coluna: escolha uma.
                </Text>
              ))}
              {problem && !missing.length && !repeated.length ? <Text size="sm">{problem}</Text> : null}
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancelar
            </Button>
          ) : null}
          <Button
            leftSection={<IconChecklist size={18} />}
            loading={busy}
            disabled={missing.length > 0 || repeated.length > 0}
            onClick={() => void validate()}
          >
            Validar planilha (prévia)
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
