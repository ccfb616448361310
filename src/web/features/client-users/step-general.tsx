import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { IconMailForward } from '@tabler/icons-react'
import { maskCpf, maskPhone } from '../../../shared/documents.ts'
import { formatDateTime } from '../../../shared/format.ts'
import { INVITATION_STATUS } from './client-users.labels.ts'
import type { ClientUser } from './client-users.types.ts'
import type { SendChoice, WizardForm } from './wizard-form.ts'

interface GeneralStepProps {
  form: WizardForm
  /** The user being edited (null while creating). */
  existing: ClientUser | null
  send: SendChoice | null
  canSend: boolean
  /** The switch was flipped: the page decides whether to ask "Envie agora / Enviar mais tarde". */
  onPortalChange: (checked: boolean) => void
  /** Opens the send dialog again (change the choice, or send/resend while editing). */
  onAskSend: () => void
}

export function GeneralStep({ form, existing, send, canSend, onPortalChange, onAskSend }: GeneralStepProps) {
  const { values } = form
  const editing = existing !== null
  const status = existing?.invitation.status ?? 'none'
  const accepted = status === 'accepted'

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Nome completo"
          required
          withAsterisk
          data-autofocus
          autoComplete="off"
          {...form.getInputProps('name')}
        />
        <TextInput
          label="E-mail"
          type="email"
          required
          withAsterisk
          autoComplete="off"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          description={
            editing && !values.isDemo && status !== 'none' && !accepted
              ? 'Ao alterar o e-mail, o convite é reenviado e o link anterior deixa de funcionar.'
              : 'O convite de acesso ao Portal do Cliente vai para este e-mail.'
          }
          {...form.getInputProps('email')}
        />
        <TextInput
          label="CPF"
          autoComplete="off"
          inputMode="numeric"
          placeholder="000.000.000-00"
          {...form.getInputProps('cpf')}
          onChange={(event) => form.setFieldValue('cpf', maskCpf(event.currentTarget.value))}
        />
        <TextInput
          label="Telefone"
          type="tel"
          autoComplete="off"
          placeholder="(27) 99999-9999"
          description="Recomendado para quem usa mensagens pelo celular."
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('phone')}
          onChange={(event) => form.setFieldValue('phone', maskPhone(event.currentTarget.value))}
        />
      </SimpleGrid>

      <Paper withBorder p="md" bg="gray.0">
        <Stack gap="sm">
          <Switch
            label="Acesso ao Portal do Cliente"
            description="Com o acesso ativo, o usuário recebe o convite para criar a senha e configurar o KEYPASS."
            checked={values.portalActive}
            onChange={(event) => onPortalChange(event.currentTarget.checked)}
            size="md"
          />
          <InvitationLine
            existing={existing}
            portalActive={values.portalActive}
            isDemo={values.isDemo}
            send={send}
            canSend={canSend}
            onAskSend={onAskSend}
          />
        </Stack>
      </Paper>

      <Checkbox
        label="Usuário de demonstração"
        description="Endereço fictício que nunca recebe e-mails (ex.: demo@seuescritorio.com.br), vinculado a uma empresa de teste, para apresentações aos clientes."
        {...form.getInputProps('isDemo', { type: 'checkbox' })}
      />
    </Stack>
  )
}

interface InvitationLineProps {
  existing: ClientUser | null
  portalActive: boolean
  isDemo: boolean
  send: SendChoice | null
  canSend: boolean
  onAskSend: () => void
}

function InvitationLine({ existing, portalActive, isDemo, send, canSend, onAskSend }: InvitationLineProps) {
  const invitation = existing?.invitation
  const status = invitation?.status ?? 'none'
  const badge = existing ? (
    <Badge variant="light" color={INVITATION_STATUS[status].color}>
      Convite: {INVITATION_STATUS[status].label}
    </Badge>
  ) : null

  if (isDemo) {
    return (
      <Text size="sm" c="dimmed">
        Usuário de demonstração: nenhum convite é enviado.
      </Text>
    )
  }
  if (!portalActive) {
    return (
      <Group gap="sm">
        {badge}
        <Text size="sm" c="dimmed">
          Acesso inativo: o usuário não entra no portal e nenhum convite é enviado.
        </Text>
      </Group>
    )
  }

  const choiceText =
    send === 'now'
      ? 'O convite será enviado ao clicar em Concluir.'
      : send === 'later'
        ? 'Convite para enviar mais tarde, pela lista de usuários.'
        : existing && status !== 'none'
          ? sentText(existing)
          : 'O convite ainda não foi enviado.'

  const canAsk = status !== 'accepted'
  const resend = status !== 'none' && status !== 'scheduled'
  return (
    <Group gap="sm" justify="space-between" wrap="wrap">
      <Group gap="sm">
        {badge}
        <Text size="sm">{choiceText}</Text>
      </Group>
      {canAsk ? (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconMailForward size={16} />}
          onClick={onAskSend}
          disabled={!canSend && send !== null}
        >
          {send ? 'Alterar envio do convite' : resend ? 'Reenviar convite' : 'Enviar convite'}
        </Button>
      ) : null}
    </Group>
  )
}

function sentText(user: ClientUser): string {
  const { invitation } = user
  if (invitation.status === 'accepted' && invitation.acceptedAt) {
    return `Aceito em ${formatDateTime(invitation.acceptedAt)}.`
  }
  if (invitation.status === 'expired' && invitation.expiresAt) {
    return `Expirou em ${formatDateTime(invitation.expiresAt)}.`
  }
  if (invitation.sentAt) return `Enviado em ${formatDateTime(invitation.sentAt)}.`
  return ''
}
