import { Alert, Button, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconBan, IconCalendarCheck, IconClockHour4, IconLink, IconLogin } from '@tabler/icons-react'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { formatDate, formatTime } from '../../../shared/format.ts'
import { type ApiError, api, isApiError } from '../../shared/api.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PublicLayout } from '../intake/public-layout.tsx'
import { formatCountdown, formatEventDates } from './event-format.ts'
import { PublicLoading } from './parts.tsx'
import type { JoinState } from './types.ts'

const REFRESH_MS = 60_000
/** Leave a second after the opening, so the server's own clock agrees that the link is open. */
const OPEN_MARGIN_MS = 1000

interface Loaded {
  join: JoinState
  /** Server clock minus this browser's clock, measured when the answer arrived. */
  offset: number
}

/** `/evento/entrar/:token`: where a personal join link lands before the event opens (or after it). */
export function JoinPage() {
  const { token = '' } = useParams()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const waited = useRef(false)

  const load = useCallback(async () => {
    try {
      const join = await api.get<JoinState>(`/public/join/${encodeURIComponent(token)}`)
      // The link opened while this page counted down (a sleeping tab, a clock jump): go in.
      if (join.state === 'open' && waited.current) {
        waited.current = false
        window.location.assign(`/entrar/${encodeURIComponent(token)}`)
      }
      if (join.state === 'early') waited.current = true
      setLoaded({ join, offset: new Date(join.now).getTime() - Date.now() })
      setError(null)
    } catch (err) {
      if (isApiError(err)) setError(err)
    }
  }, [token])

  useEffect(() => {
    void load()
    const timer = window.setInterval(() => void load(), REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [load])

  if (error && (error.status === 404 || error.status === 400)) {
    return (
      <PublicLayout title="Link inválido" width={560}>
        <Stack gap="sm">
          <Text>
            Este link de acesso não existe ou foi digitado incompleto. Abra o link exatamente como veio no
            e-mail de confirmação da inscrição.
          </Text>
          <Text size="sm" c="dimmed">
            Se o problema continuar, fale com quem organizou o evento.
          </Text>
        </Stack>
      </PublicLayout>
    )
  }
  if (error && !loaded) {
    return (
      <PublicLayout title="Acesso ao evento" width={560}>
        <LoadError error={error} onRetry={() => void load()} />
      </PublicLayout>
    )
  }
  if (!loaded) return <PublicLoading title="Acesso ao evento" />
  return <JoinView token={token} loaded={loaded} />
}

function JoinView({ token, loaded }: { token: string; loaded: Loaded }) {
  const { join } = loaded
  const entryPath = `/entrar/${encodeURIComponent(token)}`
  const subtitle = (
    <>
      <Text span fw={600} c="var(--mantine-color-text)">
        {join.description}
      </Text>
      <br />
      {formatEventDates(join.startsAt, join.endsAt)}
    </>
  )

  if (join.state === 'cancelled') {
    return (
      <PublicLayout title="Evento cancelado" subtitle={subtitle} width={560}>
        <Alert color="red" icon={<IconBan size={20} />} role="alert" data-testid="join-state">
          Este evento foi cancelado pelo organizador e o link de acesso não vale mais.
        </Alert>
      </PublicLayout>
    )
  }
  if (join.state === 'ended') {
    return (
      <PublicLayout title="Este evento já terminou" subtitle={subtitle} width={560}>
        <Alert color="gray" icon={<IconCalendarCheck size={20} />} data-testid="join-state">
          O acesso a este evento está encerrado. Quem participou recebe o certificado por e-mail: os
          certificados são enviados por e-mail em até 15 dias após o término.
        </Alert>
      </PublicLayout>
    )
  }
  if (join.state === 'open') {
    return (
      <PublicLayout title="Acesso ao evento" subtitle={subtitle} width={560}>
        <Stack gap="md" align="center" ta="center">
          <Text>
            Olá, {firstName(join.participantName)}! O acesso está aberto: a sua presença é registrada ao
            entrar.
          </Text>
          <Button
            component="a"
            href={entryPath}
            size="lg"
            leftSection={<IconLogin size={20} />}
            data-testid="join-button"
          >
            Entrar no evento
          </Button>
        </Stack>
      </PublicLayout>
    )
  }
  return <Countdown join={join} offset={loaded.offset} entryPath={entryPath} subtitle={subtitle} />
}

interface CountdownProps {
  join: JoinState
  offset: number
  entryPath: string
  subtitle: ReactNode
}

function Countdown({ join, offset, entryPath, subtitle }: CountdownProps) {
  const opensAt = new Date(join.opensAt).getTime()
  const [serverNow, setServerNow] = useState(() => Date.now() + offset)
  const left = opensAt - serverNow
  const gone = useRef(false)

  useEffect(() => {
    const tick = () => setServerNow(Date.now() + offset)
    tick()
    const timer = window.setInterval(tick, 1000)
    return () => window.clearInterval(timer)
  }, [offset])

  useEffect(() => {
    if (left <= -OPEN_MARGIN_MS && !gone.current) {
      gone.current = true
      window.location.assign(entryPath)
    }
  }, [left, entryPath])

  return (
    <PublicLayout title="Acesso ao evento" subtitle={subtitle} width={560}>
      <Stack gap="lg" align="center" ta="center">
        <Text>Olá, {firstName(join.participantName)}! Sua inscrição está confirmada.</Text>
        <Stack gap={6} align="center">
          <ThemeIcon size={52} radius="xl" variant="light">
            <IconClockHour4 size={30} />
          </ThemeIcon>
          <Text
            fz={{ base: 24, sm: 34 }}
            fw={800}
            lh={1.2}
            role="timer"
            aria-live="off"
            data-testid="join-countdown"
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {left > 0 ? <CountdownText text={formatCountdown(left)} /> : 'Abrindo o acesso…'}
          </Text>
          <Text data-testid="join-opens-at">
            O acesso abre às {formatTime(join.opensAt)} de {formatDate(join.opensAt).slice(0, 5)} (uma hora
            antes do início).
          </Text>
        </Stack>
        <Text size="sm" c="dimmed">
          <IconLink size={14} style={{ verticalAlign: 'middle' }} /> Deixe esta página aberta: você é levado
          ao evento automaticamente quando o acesso abrir. Também pode voltar depois pelo mesmo link do
          e-mail.
        </Text>
      </Stack>
    </PublicLayout>
  )
}

/** On a phone the days go on their own line: the clock part never breaks. */
function CountdownText({ text }: { text: string }) {
  const cut = text.lastIndexOf(', ')
  const lead = cut >= 0 ? text.slice(0, cut + 2) : 'Faltam '
  const clock = cut >= 0 ? text.slice(cut + 2) : text.replace(/^Faltam /, '')
  return (
    <>
      {lead}
      <span style={{ whiteSpace: 'nowrap' }}>{clock}</span>
    </>
  )
}

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name
}
