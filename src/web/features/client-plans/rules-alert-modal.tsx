import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconBan } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { RuleAlert } from './client-plans.types.ts'

interface RulesAlertModalProps {
  /** Null: closed. */
  alerts: RuleAlert[] | null
  busy: boolean
  onClose: () => void
  /** Every warning acknowledged and nothing blocking: finish with these rule ids. */
  onConfirm: (acknowledgedRuleIds: string[]) => void
}

/**
 * Seed Obs4: the alert screen of the tenant's registration rules when a plan is finished. Blocking
 * rules (red) stop; each warning needs its own "Estou ciente" before "Finalizar mesmo assim".
 */
export function RulesAlertModal({ alerts, busy, onClose, onConfirm }: RulesAlertModalProps) {
  const [acknowledged, setAcknowledged] = useState<string[]>([])
  useEffect(() => {
    if (alerts) setAcknowledged([])
  }, [alerts])
  const blocking = (alerts ?? []).filter((a) => a.severity === 'block')
  const warnings = (alerts ?? []).filter((a) => a.severity === 'warn')
  const allAcknowledged = warnings.every((w) => acknowledged.includes(w.ruleId))

  return (
    <Modal opened={alerts !== null} onClose={busy ? () => {} : onClose} title="Alerta" centered size="lg">
      <Stack gap="md">
        <Text size="sm">
          {blocking.length > 0
            ? 'As regras de cadastro impedem finalizar este plano. Corrija o que está em vermelho e tente de novo.'
            : 'As regras de cadastro pedem atenção antes de finalizar este plano.'}
        </Text>
        {blocking.map((alert) => (
          <Alert
            key={alert.ruleId}
            color="red"
            variant="light"
            icon={<IconBan size={18} />}
            title="Impede finalizar"
            role="alert"
          >
            {alert.message}
          </Alert>
        ))}
        {warnings.map((alert) => (
          <Alert
            key={alert.ruleId}
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="Aviso"
          >
            <Stack gap="xs">
              <Text size="sm">{alert.message}</Text>
              {blocking.length === 0 ? (
                <Checkbox
                  label="Estou ciente"
                  aria-label={`Estou ciente: ${alert.message}`}
                  checked={acknowledged.includes(alert.ruleId)}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked
                    setAcknowledged((current) =>
                      checked ? [...current, alert.ruleId] : current.filter((id) => id !== alert.ruleId),
                    )
                  }}
                />
              ) : null}
            </Stack>
          </Alert>
        ))}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Voltar e corrigir
          </Button>
          {blocking.length === 0 ? (
            <Button
              disabled={!allAcknowledged}
              loading={busy}
              onClick={() => onConfirm(warnings.map((w) => w.ruleId))}
            >
              Finalizar mesmo assim
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  )
}
