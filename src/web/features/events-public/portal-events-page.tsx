import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import {
  IconCalendarEvent,
  IconCalendarOff,
  IconCertificate,
  IconCircleCheck,
  IconDeviceLaptop,
  IconDownload,
  IconHourglass,
  IconId,
  IconLogin,
  IconMapPin,
  IconTicket,
  IconUsers,
  IconX,
} from '@tabler/icons-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { Link } from 'react-router'
import { isValidCpf } from '../../../shared/documents.ts'
import { formatDate, formatDateTime } from '../../../shared/format.ts'
import { api, isApiError } from '../../shared/api.ts'
import { useUser } from '../../shared/session.tsx'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { formatEventDates, formatSpots, hasEnded } from './event-format.ts'
import {
  EVENT_STATUS_COLORS,
  EVENT_STATUS_LABELS,
  REGISTRATION_STATUS_COLORS,
  REGISTRATION_STATUS_LABELS,
} from '../events/events.labels.ts'
import { CpfInput } from './parts.tsx'
import type { PortalEventItem, PortalEvents } from './types.ts'

/** `/portal/eventos`: the client user's registrations, join links and certificates, and open events. */
export function PortalEventsPage() {
  const user = useUser()
  const query = useApiQuery<PortalEvents>('/portal/events')
  const reload = () => void query.reload()

  return (
    <>
      <PageHeader
        title="Meus eventos e certificados"
        description={`Eventos e treinamentos de ${user.tenant.name}: suas inscrições, os links de acesso e os certificados.`}
      />
      {query.error && !query.data ? (
        <LoadError error={query.error} onRetry={reload} />
      ) : !query.data ? (
        <Center py="xl">
          <Loader aria-label="Carregando" />
        </Center>
      ) : (
        <Stack gap="xl">
          {query.data.hasCpf ? null : <CpfCard onSaved={reload} />}
          <section aria-labelledby="portal-events-mine">
            <Title order={2} fz="h4" mb="sm" id="portal-events-mine">
              Minhas inscrições
            </Title>
            {query.data.mine.length === 0 ? (
              <Paper withBorder p="lg">
                <EmptyState
                  icon={<IconCalendarOff size={28} stroke={1.5} />}
                  title="Nenhuma inscrição ainda"
                  description="Quando você se inscrever em um evento ou for inscrito pela equipe, ele aparece aqui."
                />
              </Paper>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                {query.data.mine.map((item) => (
                  <MineCard key={item.eventId} item={item} onChanged={reload} />
                ))}
              </SimpleGrid>
            )}
          </section>
          <section aria-labelledby="portal-events-open">
            <Title order={2} fz="h4" mb="sm" id="portal-events-open">
              Eventos com inscrições abertas
            </Title>
            {query.data.open.length === 0 ? (
              <Paper withBorder p="md">
                <Text size="sm" c="dimmed">
                  Nenhum evento com inscrições abertas no momento.
                </Text>
              </Paper>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                {query.data.open.map((item) => (
                  <OpenCard key={item.eventId} item={item} onChanged={reload} />
                ))}
              </SimpleGrid>
            )}
          </section>
        </Stack>
      )}
    </>
  )
}

/** Asks for the CPF once: certificates carry it. */
function CpfCard({ onSaved }: { onSaved: () => void }) {
  const [cpf, setCpf] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!isValidCpf(cpf)) {
      setError(cpf.trim() ? 'CPF inválido: confira os dígitos.' : 'Informe o CPF.')
      return
    }
    setError(null)
    setSending(true)
    try {
      await api.put('/portal/cpf', { cpf })
      notifySuccess('CPF registrado. Os seus certificados serão emitidos com ele.')
      onSaved()
    } catch (err) {
      if (isApiError(err) && err.fields.cpf) setError(err.fields.cpf)
      else notifyError(err, 'Não foi possível registrar o CPF')
    } finally {
      setSending(false)
    }
  }

  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconId size={20} />}
      title="Informe o seu CPF para receber certificados"
      data-testid="portal-cpf-card"
    >
      <Text size="sm" mb="sm">
        Os certificados levam o CPF do participante, para que qualquer pessoa possa conferir que são seus. Sem
        ele, a equipe não consegue emitir os seus certificados.
      </Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <CpfInput
            aria-label="CPF"
            value={cpf}
            onChange={setCpf}
            error={error}
            w={220}
            bg="white"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
          <Button type="submit" color="orange" loading={sending}>
            Salvar CPF
          </Button>
        </Group>
      </form>
    </Alert>
  )
}

function EventHeading({ item, children }: { item: PortalEventItem; children?: ReactNode }) {
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Text fw={600} lh={1.3}>
          {item.description}
        </Text>
        <Badge variant="light" color={EVENT_STATUS_COLORS[item.status]} style={{ flexShrink: 0 }}>
          {EVENT_STATUS_LABELS[item.status]}
        </Badge>
      </Group>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <IconCalendarEvent size={16} style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm">{formatEventDates(item.startsAt, item.endsAt)}</Text>
      </Group>
      <Group gap={6} wrap="nowrap">
        {item.online ? <IconDeviceLaptop size={16} /> : <IconMapPin size={16} />}
        <Text size="sm" c="dimmed">
          {item.online ? 'Online' : 'Presencial'}
          {' · '}
          <Anchor component={Link} to={`/e/${encodeURIComponent(item.slug)}`} size="sm">
            Página do evento
          </Anchor>
        </Text>
      </Group>
      {children}
    </Stack>
  )
}

function MineCard({ item, onChanged }: { item: PortalEventItem; onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false)
  const ended = item.status === 'realizado' || hasEnded(item.endsAt)
  const active = item.registrationStatus === 'inscrito' || item.registrationStatus === 'espera'
  const live = item.status !== 'cancelado' && !ended
  const canJoin = live && item.registrationStatus === 'inscrito' && item.joinUrl !== null
  const canCancel = live && active

  async function cancel() {
    await api.post<PortalEventItem>(`/portal/events/${item.eventId}/cancel`)
    notifySuccess('Inscrição cancelada.')
    onChanged()
  }

  return (
    <Paper withBorder p="md" role="group" aria-label={item.description} data-testid="portal-event-mine">
      <Stack gap="sm" h="100%">
        <EventHeading item={item}>
          {item.registrationStatus ? (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                Sua inscrição:
              </Text>
              <Badge variant="dot" color={REGISTRATION_STATUS_COLORS[item.registrationStatus]}>
                {REGISTRATION_STATUS_LABELS[item.registrationStatus]}
              </Badge>
            </Group>
          ) : null}
        </EventHeading>

        {item.status === 'cancelado' ? (
          <Text size="sm" c="red.8">
            Este evento foi cancelado.
          </Text>
        ) : null}
        {live && item.registrationStatus === 'espera' ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconHourglass size={16} color="var(--mantine-color-yellow-8)" style={{ flexShrink: 0 }} />
            <Text size="sm">Você está na lista de espera: se uma vaga abrir, avisamos por e-mail.</Text>
          </Group>
        ) : null}
        {item.attendedAt ? (
          <Group gap={6} wrap="nowrap">
            <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" />
            <Text size="sm">Presença registrada em {formatDateTime(item.attendedAt)}</Text>
          </Group>
        ) : null}
        {item.certificate ? (
          <Stack gap={4}>
            <Group gap="sm">
              <Button
                component="a"
                href={item.certificate.pdfUrl}
                size="sm"
                variant="light"
                color="teal"
                leftSection={<IconDownload size={16} />}
              >
                Baixar certificado (PDF)
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Código de verificação:{' '}
              <Anchor
                component={Link}
                to={`/certificados/${encodeURIComponent(item.certificate.code)}`}
                size="xs"
                ff="monospace"
              >
                {item.certificate.code}
              </Anchor>
            </Text>
          </Stack>
        ) : item.attendedAt ? (
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconCertificate size={16} style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm">
              Certificado até {formatDate(item.certificatesDueOn)}
              {item.needsCpf ? ': informe o seu CPF acima para recebê-lo.' : ', enviado também por e-mail.'}
            </Text>
          </Group>
        ) : null}

        {canJoin || canCancel ? (
          <Group gap="sm" mt="auto" pt={4}>
            {canJoin && item.joinUrl ? (
              <Button component="a" href={item.joinUrl} size="sm" leftSection={<IconLogin size={16} />}>
                Entrar
              </Button>
            ) : null}
            {canCancel ? (
              <Button
                size="sm"
                variant="subtle"
                color="red"
                leftSection={<IconX size={16} />}
                onClick={() => setConfirming(true)}
              >
                Cancelar inscrição
              </Button>
            ) : null}
          </Group>
        ) : null}
        {canJoin ? (
          <Text size="xs" c="dimmed">
            O acesso abre uma hora antes do início.
          </Text>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Cancelar inscrição"
        confirmLabel="Cancelar inscrição"
        cancelLabel="Manter inscrição"
        color="red"
        onConfirm={cancel}
        onClose={() => setConfirming(false)}
      >
        {`Cancelar a sua inscrição em "${item.description}"? A vaga passa para a próxima pessoa da lista de espera.`}
      </ConfirmModal>
    </Paper>
  )
}

function OpenCard({ item, onChanged }: { item: PortalEventItem; onChanged: () => void }) {
  const [busy, setBusy] = useState(false)
  const spots = formatSpots(item.spotsLeft)
  const full = item.spotsLeft !== null && item.spotsLeft <= 0
  const registered = item.registrationStatus === 'inscrito' || item.registrationStatus === 'espera'

  async function register() {
    setBusy(true)
    try {
      const next = await api.post<PortalEventItem>(`/portal/events/${item.eventId}/register`)
      notifySuccess(
        next.registrationStatus === 'espera'
          ? 'As vagas estão esgotadas: você entrou na lista de espera e será avisado por e-mail se uma vaga abrir.'
          : 'Inscrição confirmada. Você recebe a confirmação e o link de acesso por e-mail.',
      )
      onChanged()
    } catch (error) {
      notifyError(error, 'Não foi possível fazer a inscrição')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder p="md" role="group" aria-label={item.description} data-testid="portal-event-open">
      <Stack gap="sm" h="100%">
        <EventHeading item={item}>
          {spots ? (
            <Group gap={6} wrap="nowrap">
              <IconUsers size={16} />
              <Text size="sm" c={full ? 'orange.8' : undefined} fw={full ? 600 : undefined}>
                {spots}
              </Text>
            </Group>
          ) : null}
        </EventHeading>
        <Group mt="auto" pt={4}>
          {registered && item.registrationStatus ? (
            <Badge variant="light" color={REGISTRATION_STATUS_COLORS[item.registrationStatus]}>
              {REGISTRATION_STATUS_LABELS[item.registrationStatus]}
            </Badge>
          ) : (
            <Button
              size="sm"
              loading={busy}
              onClick={() => void register()}
              leftSection={<IconTicket size={16} />}
              variant={full ? 'light' : 'filled'}
            >
              {full ? 'Inscrever-me na lista de espera' : 'Inscrever-me'}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}
