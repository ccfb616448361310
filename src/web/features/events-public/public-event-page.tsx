import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Divider,
  Group,
  Image,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDocumentTitle } from '@mantine/hooks'
import {
  IconAlertTriangle,
  IconBan,
  IconCalendarEvent,
  IconCheck,
  IconClock,
  IconClockHour4,
  IconDeviceLaptop,
  IconHourglass,
  IconInfoCircle,
  IconLogin,
  IconMapPin,
  IconTicket,
  IconUsers,
} from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { Link, useParams } from 'react-router'
import { isValidCpf } from '../../../shared/documents.ts'
import { api, isApiError } from '../../shared/api.ts'
import { loginPathFor, useSession } from '../../shared/session.tsx'
import { applyFieldErrors, notifyError } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { PublicLayout } from '../intake/public-layout.tsx'
import { formatEventDates, formatSpots, formatWorkload, hasEnded } from './event-format.ts'
import { EVENT_STATUS_COLORS, EVENT_STATUS_LABELS } from '../events/events.labels.ts'
import { CpfInput, InfoLine, PublicLoading } from './parts.tsx'
import type { PublicEvent, PublicRegistrationResult } from './types.ts'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PORTAL_EVENTS = '/portal/eventos'

/** `/e/:slug`: an event's public page, with its self-registration form (no login). */
export function PublicEventPage() {
  const { slug = '' } = useParams()
  const query = useApiQuery<PublicEvent>(`/public/events/${encodeURIComponent(slug)}`)

  if (query.error && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <PublicLayout title="Evento não encontrado" width={560}>
        <Text>
          Não encontramos o evento deste endereço. Confira o link recebido ou fale com quem o divulgou.
        </Text>
      </PublicLayout>
    )
  }
  if (query.error) {
    return (
      <PublicLayout title="Evento" width={640}>
        <LoadError error={query.error} onRetry={() => void query.reload()} />
      </PublicLayout>
    )
  }
  if (!query.data) return <PublicLoading title="Evento" />
  return <EventView event={query.data} />
}

function EventView({ event }: { event: PublicEvent }) {
  useDocumentTitle(`${event.description} · Cadastra`)
  const cancelled = event.status === 'cancelado'
  const over = !cancelled && (event.status === 'realizado' || hasEnded(event.endsAt))
  const spots = formatSpots(event.spotsLeft)
  const full = event.spotsLeft !== null && event.spotsLeft <= 0

  return (
    <Box mih="100vh" bg="gray.0" px={{ base: 'xs', sm: 'md' }} py={{ base: 'md', sm: 'xl' }}>
      <Box w="100%" maw={960} mx="auto">
        <Text ta="center" fw={800} fz={28} c="brand.7" mb="md" style={{ letterSpacing: '-0.02em' }}>
          Cadastra
        </Text>
        <Paper withBorder shadow="sm" radius="lg" component="main" style={{ overflow: 'hidden' }}>
          {event.artUrl ? (
            <Box bg="dark.8">
              <Image
                src={event.artUrl}
                alt={`Arte de divulgação: ${event.description}`}
                fit="contain"
                mah={{ base: 360, sm: 520 }}
                w="100%"
                data-testid="event-art"
              />
            </Box>
          ) : null}
          <Stack gap="lg" p={{ base: 'md', sm: 'xl' }}>
            <Stack gap={6}>
              <Text size="sm" fw={600} c="brand.7">
                {event.tenantName}
              </Text>
              <Title order={1} fz={{ base: 'h3', sm: 'h2' }}>
                {event.description}
              </Title>
              <Group gap="xs">
                <Badge variant="light" color="brand">
                  {event.typeName}
                </Badge>
                <Badge variant="light" color={EVENT_STATUS_COLORS[event.status]} data-testid="event-status">
                  {EVENT_STATUS_LABELS[event.status]}
                </Badge>
              </Group>
            </Stack>

            {cancelled ? (
              <Alert
                color="red"
                variant="filled"
                icon={<IconBan size={20} />}
                title="Evento cancelado"
                role="alert"
                data-testid="event-cancelled"
              >
                Este evento foi cancelado pelo organizador. As inscrições estão encerradas.
              </Alert>
            ) : null}

            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
              <InfoLine icon={<IconCalendarEvent size={20} />} label="Quando">
                <Text fw={500} td={cancelled ? 'line-through' : undefined}>
                  {formatEventDates(event.startsAt, event.endsAt)}
                </Text>
              </InfoLine>
              <InfoLine
                icon={event.online ? <IconDeviceLaptop size={20} /> : <IconMapPin size={20} />}
                label="Onde"
              >
                <Text fw={500} style={{ whiteSpace: 'pre-line' }}>
                  {event.location ?? (event.online ? 'Online' : 'Local a definir')}
                </Text>
                {event.online && event.location ? (
                  <Text size="sm" c="dimmed">
                    Também online
                  </Text>
                ) : null}
              </InfoLine>
              <InfoLine icon={<IconClockHour4 size={20} />} label="Carga horária">
                {formatWorkload(event.workloadHours)}
              </InfoLine>
              {spots && !cancelled && !over ? (
                <InfoLine icon={<IconUsers size={20} />} label="Vagas">
                  <Text fw={500} c={full ? 'orange.8' : undefined} data-testid="event-spots">
                    {spots}
                  </Text>
                </InfoLine>
              ) : null}
            </SimpleGrid>

            {event.sessions.length > 0 ? (
              <Stack gap="xs">
                <Title order={2} fz="h4">
                  Programação
                </Title>
                <List spacing="xs" icon={<IconClock size={16} color="var(--mantine-color-brand-6)" />}>
                  {event.sessions.map((session) => (
                    <List.Item key={`${session.startsAt}-${session.description}`}>
                      <Text fw={500} size="sm">
                        {session.description}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {formatEventDates(session.startsAt, session.endsAt)}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            ) : null}

            {cancelled ? null : (
              <>
                <Divider />
                {over ? (
                  <Alert color="gray" icon={<IconInfoCircle size={18} />} title="Este evento já aconteceu">
                    As inscrições estão encerradas. Quem participou recebe o certificado por e-mail.
                  </Alert>
                ) : (
                  <Registration event={event} full={full} />
                )}
              </>
            )}
          </Stack>
        </Paper>
      </Box>
    </Box>
  )
}

/** Who is looking decides how to register: the portal's user, a visitor (form) or nobody (login). */
function Registration({ event, full }: { event: PublicEvent; full: boolean }) {
  const { status, user } = useSession()
  if (status === 'loading') return null

  const portalUser = user?.kind === 'client' && user.stage === 'full' && user.tenant.name === event.tenantName
  if (portalUser) {
    return (
      <RegistrationBox title="Inscrição" icon={<IconTicket size={20} />}>
        <Text size="sm" mb="sm">
          Você está conectado ao portal: inscreva-se em Meus eventos.
        </Text>
        <Button component={Link} to={PORTAL_EVENTS} leftSection={<IconCalendarEvent size={18} />}>
          Ir para Meus eventos
        </Button>
      </RegistrationBox>
    )
  }
  if (!event.publicRegistration) {
    return (
      <RegistrationBox title="Inscrições pelo Portal do Cliente" icon={<IconLogin size={20} />}>
        <Text size="sm" mb="sm">
          A inscrição neste evento é feita pelo Portal do Cliente de {event.tenantName}. Entre com o seu
          usuário e escolha o evento em Meus eventos.
        </Text>
        <Button component={Link} to={loginPathFor(PORTAL_EVENTS)} leftSection={<IconLogin size={18} />}>
          Entrar no portal
        </Button>
      </RegistrationBox>
    )
  }
  return <RegistrationForm event={event} full={full} />
}

function RegistrationBox({ title, icon, children }: { title: string; icon: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Group gap="xs" c="brand.7">
        {icon}
        <Title order={2} fz="h4" c="var(--mantine-color-text)">
          {title}
        </Title>
      </Group>
      <div>{children}</div>
    </Stack>
  )
}

interface FormValues {
  name: string
  email: string
  cpf: string
  consent: boolean
}

function RegistrationForm({ event, full }: { event: PublicEvent; full: boolean }) {
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [result, setResult] = useState<PublicRegistrationResult | null>(null)
  const form = useForm<FormValues>({
    initialValues: { name: '', email: '', cpf: '', consent: false },
    validate: {
      name: (v) => (v.trim().length < 2 ? 'Informe o nome completo.' : null),
      email: (v) => (!v.trim() ? 'Informe o e-mail.' : EMAIL.test(v.trim()) ? null : 'E-mail inválido.'),
      cpf: (v) => (v.trim() === '' || isValidCpf(v) ? null : 'CPF inválido: confira os dígitos.'),
      consent: (v) => (v ? null : 'É preciso aceitar o termo para se inscrever.'),
    },
  })

  async function submit(values: FormValues) {
    setSending(true)
    setProblem(null)
    try {
      const answer = await api.post<PublicRegistrationResult>(
        `/public/events/${encodeURIComponent(event.slug)}/registrations`,
        {
          name: values.name.trim(),
          email: values.email.trim(),
          cpf: values.cpf.trim() || null,
          consent: true,
        },
      )
      setResult(answer)
    } catch (error) {
      if (isApiError(error) && error.status < 500 && error.status !== 0) {
        const leftovers = applyFieldErrors(form, error)
        if (Object.keys(error.fields).length === 0 || leftovers.length > 0) {
          setProblem(leftovers[0] ?? error.message)
        }
      } else {
        notifyError(error, 'Não foi possível fazer a inscrição')
      }
    } finally {
      setSending(false)
    }
  }

  if (result) {
    const waiting = result.status === 'espera'
    return (
      <Alert
        color={waiting ? 'yellow' : 'teal'}
        variant="light"
        icon={waiting ? <IconHourglass size={20} /> : <IconCheck size={20} />}
        role="status"
        data-testid="registration-result"
      >
        <Text fw={500}>{result.message}</Text>
      </Alert>
    )
  }

  return (
    <RegistrationBox
      title={full ? 'Entrar na lista de espera' : 'Inscreva-se'}
      icon={<IconTicket size={20} />}
    >
      <form noValidate onSubmit={form.onSubmit((values) => void submit(values))}>
        <Stack gap="md" maw={560}>
          {full ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
              As vagas estão esgotadas. Inscreva-se para entrar na lista de espera: se uma vaga abrir, você
              recebe um e-mail.
            </Alert>
          ) : null}
          {problem ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {problem}
            </Alert>
          ) : null}
          <TextInput label="Nome" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            {...form.getInputProps('email')}
          />
          <CpfInput
            label="CPF"
            description="Opcional: necessário para receber o certificado."
            inputWrapperOrder={['label', 'description', 'input', 'error']}
            maw={320}
            value={form.values.cpf}
            onChange={(value) => form.setFieldValue('cpf', value)}
            error={form.errors.cpf}
          />
          <Checkbox
            label={<Text size="sm">{event.consentText}</Text>}
            {...form.getInputProps('consent', { type: 'checkbox' })}
          />
          <Group>
            <Button type="submit" size="md" loading={sending} leftSection={<IconTicket size={18} />}>
              {full ? 'Entrar na lista de espera' : 'Inscrever-me'}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Você recebe a confirmação e o link de acesso por e-mail. Já tem acesso ao Portal do Cliente?{' '}
            <Anchor component={Link} to={loginPathFor(PORTAL_EVENTS)} size="xs">
              Entre no portal
            </Anchor>
            .
          </Text>
        </Stack>
      </form>
    </RegistrationBox>
  )
}
