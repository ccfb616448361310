import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { IconInfoCircle, IconMail } from '@tabler/icons-react'
import type { SendChoice } from './wizard-form.ts'

interface SendInvitationDialogProps {
  opened: boolean
  email: string
  /** Without `invitations:send` only "Enviar mais tarde" is offered. */
  canSend: boolean
  onChoose: (choice: SendChoice) => void
  onClose: () => void
}

/**
 * Asked when the portal access is turned on (as in ONVIO's [Ativar]): send the invitation now or
 * later. Either way nothing goes out before "Concluir".
 */
export function SendInvitationDialog({
  opened,
  email,
  canSend,
  onChoose,
  onClose,
}: SendInvitationDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Convite de acesso ao Portal do Cliente"
      centered
      size="md"
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconMail size={22} stroke={1.6} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">
            O convite com o link para criar a senha será enviado para <strong>{email}</strong>.
          </Text>
        </Group>
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          O e-mail só sai quando você clicar em <strong>Concluir</strong>, na última etapa. Com “Enviar mais
          tarde”, o usuário fica cadastrado e você envia o convite quando quiser, pela lista de usuários.
        </Alert>
        {canSend ? null : (
          <Text size="sm" c="dimmed">
            Seu perfil de acesso não permite enviar convites: outra pessoa da equipe poderá enviá-lo depois.
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => onChoose('later')}>
            Enviar mais tarde
          </Button>
          {canSend ? (
            <Button leftSection={<IconMail size={16} />} onClick={() => onChoose('now')} data-autofocus>
              Envie agora
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  )
}
