import { Anchor, Collapse, Group, List, Progress, Stack, Table, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react'
import { useId, useMemo } from 'react'
import type { Band, MeterItem } from '../../../shared/password/meter.ts'
import {
  type PasswordEvaluation,
  type PasswordPolicy,
  evaluatePassword,
  passwordRulesHint,
} from '../../../shared/password/policy.ts'

export interface PasswordStrengthInput {
  email?: string | null
  login?: string | null
  policy?: Partial<PasswordPolicy>
}

const BAND_COLORS: Record<Band, string> = {
  'muito-fraca': 'red',
  fraca: 'orange',
  boa: 'yellow',
  forte: 'green',
  'muito-forte': 'teal',
}

/** Live evaluation of a password field with the same rules the server applies. */
export function usePasswordEvaluation(
  password: string,
  { email, login, policy }: PasswordStrengthInput = {},
): PasswordEvaluation {
  const minBand = policy?.minBand
  const minLength = policy?.minLength
  const minClasses = policy?.minClasses
  return useMemo(
    () => evaluatePassword(password, { email, login, policy: { minBand, minLength, minClasses } }),
    [password, email, login, minBand, minLength, minClasses],
  )
}

function BreakdownRows({ items }: { items: MeterItem<string>[] }) {
  return items
    .filter((item) => item.points !== 0)
    .map((item) => (
      <Table.Tr key={item.key}>
        <Table.Td>{item.label}</Table.Td>
        <Table.Td ta="right">{item.count}</Table.Td>
        <Table.Td ta="right" c={item.points > 0 ? 'green.8' : 'red.8'} fw={500}>
          {item.points > 0 ? `+${item.points}` : `−${-item.points}`}
        </Table.Td>
      </Table.Tr>
    ))
}

export interface PasswordStrengthProps extends PasswordStrengthInput {
  password: string
}

/**
 * Strength meter for under a password field: bar coloured by band, "Força: 72% — Forte", the policy's
 * problems and, on request, how the score was reached. An empty field shows only the rules.
 */
export function PasswordStrength({ password, email, login, policy }: PasswordStrengthProps) {
  const evaluation = usePasswordEvaluation(password, { email, login, policy })
  const [detailsOpen, details] = useDisclosure(false)
  const detailsId = useId()

  if (password === '') {
    return (
      <Text size="xs" c="dimmed" mt={4}>
        {passwordRulesHint(policy)}
      </Text>
    )
  }

  const { score, band, bandLabel, problems, tips, additions, deductions } = evaluation
  const color = BAND_COLORS[band]
  return (
    <Stack gap={6} mt={6}>
      <Progress
        value={Math.max(score, 2)}
        color={color}
        size="sm"
        radius="xl"
        transitionDuration={150}
        aria-label={`Força da senha: ${score}% — ${bandLabel}`}
      />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" aria-live="polite">
          Força:{' '}
          <Text span fw={600} c={`${color}.8`}>
            {score}% — {bandLabel}
          </Text>
        </Text>
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={details.toggle}
          aria-expanded={detailsOpen}
          aria-controls={detailsId}
        >
          <Group gap={2} wrap="nowrap">
            Como a pontuação é calculada
            {detailsOpen ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          </Group>
        </Anchor>
      </Group>
      {problems.length > 0 ? (
        <List size="sm" c="red.8" spacing={2}>
          {problems.map((problem) => (
            <List.Item key={problem}>{problem}</List.Item>
          ))}
        </List>
      ) : null}
      {tips.length > 0 ? (
        <Text size="xs" c="dimmed">
          Para fortalecer: {tips.slice(0, 2).join(' ')}
        </Text>
      ) : null}
      <Collapse expanded={detailsOpen} id={detailsId}>
        <Table fz="xs" verticalSpacing={2} horizontalSpacing="xs" withRowBorders={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Critério</Table.Th>
              <Table.Th ta="right">Qtd.</Table.Th>
              <Table.Th ta="right">Pontos</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <BreakdownRows items={additions} />
            <BreakdownRows items={deductions} />
            <Table.Tr>
              <Table.Td colSpan={2} fw={600}>
                Pontuação (limitada a 0–100%)
              </Table.Td>
              <Table.Td ta="right" fw={600}>
                {score}%
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Collapse>
    </Stack>
  )
}
