import { Box, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { formatDateTime } from '../../../shared/format.ts'
import { fieldLabel, valueLabel } from './audit-labels.ts'
import type { AuditData } from './audit.types.ts'

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Keys whose value differs between before and after (all keys when one side is missing). */
export function changedKeys(before: AuditData | null, after: AuditData | null): Set<string> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changed = new Set<string>()
  for (const key of keys) {
    if (!before || !after || !same(before[key], after[key])) changed.add(key)
  }
  return changed
}

function Value({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined) {
    return (
      <Text size="sm" c="dimmed" component="span">
        —
      </Text>
    )
  }
  if (typeof value === 'boolean') return <>{value ? 'Sim' : 'Não'}</>
  if (typeof value === 'string' && ISO_DATE_TIME.test(value)) return <>{formatDateTime(value) || value}</>
  if (typeof value === 'string') return <>{valueLabel(field, value)}</>
  if (typeof value === 'number') return <>{String(value)}</>
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.length === 0 ? (
      <Text size="sm" c="dimmed" component="span">
        (vazio)
      </Text>
    ) : (
      value.join(', ')
    )
  }
  return (
    <Code block className="cadastra-json">
      {JSON.stringify(value, null, 2)}
    </Code>
  )
}

function Side({
  title,
  data,
  keys,
  changed,
}: {
  title: string
  data: AuditData | null
  keys: string[]
  changed: Set<string>
}) {
  return (
    <Stack gap="xs" style={{ minWidth: 0 }}>
      <Title order={3} fz="h5">
        {title}
      </Title>
      {data === null ? (
        <Text size="sm" c="dimmed">
          Sem dados
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders={false} verticalSpacing={6} fz="sm" layout="fixed">
          <Table.Tbody>
            {keys.map((key) => {
              const isChanged = changed.has(key)
              return (
                <Table.Tr
                  key={key}
                  data-changed={isChanged || undefined}
                  bg={isChanged ? 'var(--mantine-color-yellow-light)' : undefined}
                >
                  <Table.Td w="40%" style={{ verticalAlign: 'top' }}>
                    <Text size="sm" fw={isChanged ? 600 : 500}>
                      {fieldLabel(key)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: 'top', wordBreak: 'break-word' }}>
                    {key in data ? (
                      <Value field={key} value={data[key]} />
                    ) : (
                      <Text size="sm" c="dimmed" component="span">
                        (ausente)
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  )
}

/** "Antes" and "Depois" side by side; changed keys highlighted. */
export function AuditDiff({ before, after }: { before: AuditData | null; after: AuditData | null }) {
  const changed = changedKeys(before, after)
  const all = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])]
  // An id next to its readable name ("profileId" beside "profileName") adds nothing for a person.
  const keys = all.filter((k) => !(k.endsWith('Id') && all.includes(`${k.slice(0, -2)}Name`)))
  if (before === null && after === null) {
    return (
      <Text size="sm" c="dimmed">
        Este registro não guarda dados de antes e depois.
      </Text>
    )
  }
  return (
    <Stack gap="sm">
      {before && after ? (
        <Group gap="xs">
          <Box w={12} h={12} bg="var(--mantine-color-yellow-light)" style={{ borderRadius: 3 }} />
          <Text size="xs" c="dimmed">
            {changed.size === 0
              ? 'Nenhum campo mudou.'
              : changed.size === 1
                ? '1 campo alterado, destacado.'
                : `${changed.size} campos alterados, destacados.`}
          </Text>
        </Group>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Side title="Antes" data={before} keys={keys} changed={before && after ? changed : new Set()} />
        <Side title="Depois" data={after} keys={keys} changed={before && after ? changed : new Set()} />
      </SimpleGrid>
    </Stack>
  )
}
