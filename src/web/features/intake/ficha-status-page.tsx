import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  List,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconSearch, IconSend } from '@tabler/icons-react'
import { type FormEvent, useEffect, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { formatDateTime } from '../../../shared/format.ts'
import { api, isApiError } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import {
  applyServerErrors,
  dataFromValues,
  FichaFields,
  type FichaFormValues,
  focusFirstError,
  useFichaForm,
  valuesFromData,
} from './ficha-form.tsx'
import { STATUS_COLORS, STATUS_EXPLANATIONS } from './intake.labels.ts'
import type { PublicFichaStatus } from './intake.types.ts'
import { PublicLayout } from './public-layout.tsx'

const NOT_FOUND = 'Ficha não encontrada: confira o protocolo e o link recebido por e-mail.'

/** `/fichas/acompanhar?protocolo=…&chave=…`: where the sender follows the ficha and corrects it. */
export function FichaStatusPage() {
  const [params] = useSearchParams()
  const protocol = params.get('protocolo')?.trim() ?? ''
  const key = params.get('chave')?.trim() ?? ''
  const complete = protocol !== '' && key !== ''
  const query = useApiQuery<PublicFichaStatus>(complete ? '/public/fichas/status' : null, { protocol, key })
  // The answer of a correction replaces the loaded status (same shape).
  const [corrected, setCorrected] = useState<PublicFichaStatus | null>(null)
  const status = corrected ?? query.data

  if (!complete) {
    return (
      <PublicLayout title="Acompanhar ficha cadastral" width={640}>
        <PasteLink />
      </PublicLayout>
    )
  }
  if (query.error && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <PublicLayout title="Acompanhar ficha cadastral" width={640}>
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
          {NOT_FOUND}
        </Alert>
      </PublicLayout>
    )
  }
  if (query.error && !status) {
    return (
      <PublicLayout title="Acompanhar ficha cadastral" width={640}>
        <LoadError error={query.error} onRetry={() => void query.reload()} />
      </PublicLayout>
    )
  }
  if (!status) {
    return (
      <PublicLayout title="Acompanhar ficha cadastral" width={640}>
        <Center py="xl">
          <Loader aria-label="Carregando" />
        </Center>
      </PublicLayout>
    )
  }

  return (
    <PublicLayout
      title="Acompanhar ficha cadastral"
      width={status.canCorrect ? 960 : 720}
      subtitle={status.organizationName ?? undefined}
    >
      <Stack gap="lg">
        <StatusSummary status={status} />
        {status.canCorrect && status.data ? (
          <Correction
            status={status}
            protocol={protocol}
            secret={key}
            onCorrected={(next) => {
              setCorrected(next)
              window.scrollTo({ top: 0 })
            }}
          />
        ) : null}
      </Stack>
    </PublicLayout>
  )
}

function StatusSummary({ status }: { status: PublicFichaStatus }) {
  return (
    <Stack gap="sm">
      <Group gap="lg" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            Protocolo
          </Text>
          <Text
            fz={28}
            fw={800}
            ff="monospace"
            data-testid="ficha-protocol"
            style={{ letterSpacing: '0.04em' }}
          >
            {status.protocol}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            Situação
          </Text>
          <Badge size="xl" variant="light" color={STATUS_COLORS[status.status]} data-testid="ficha-status">
            {status.statusLabel}
          </Badge>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            Desde
          </Text>
          <Text fw={500}>{formatDateTime(status.statusChangedAt)}</Text>
        </Stack>
      </Group>
      <Text>{STATUS_EXPLANATIONS[status.status]}</Text>
    </Stack>
  )
}

interface CorrectionProps {
  status: PublicFichaStatus
  protocol: string
  secret: string
  onCorrected: (status: PublicFichaStatus) => void
}

function Correction({ status, protocol, secret, onCorrected }: CorrectionProps) {
  const form = useFichaForm(valuesFromData(status.data), false)
  const [saving, setSaving] = useState(false)
  const [leftovers, setLeftovers] = useState<string[]>([])

  // Another correction answer (or a reload) brings new data: start from it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the loaded ficha changes
  useEffect(() => {
    form.setValues(valuesFromData(status.data))
    form.resetDirty()
  }, [status.data])

  async function submit(values: FichaFormValues) {
    setSaving(true)
    setLeftovers([])
    const { data, userRows, contactRows } = dataFromValues(values)
    try {
      const next = await api.post<PublicFichaStatus>('/public/fichas/correct', {
        protocol,
        key: secret,
        data,
      })
      notifySuccess('Correção enviada. A equipe vai conferir a ficha de novo.')
      onCorrected(next)
    } catch (error) {
      if (isApiError(error, 'CORRECTION_NOT_OPEN')) {
        notifyError(error, 'Não foi possível enviar a correção')
        return
      }
      setLeftovers(applyServerErrors(form, error, { userRows, contactRows }))
      notifyError(error, 'Não foi possível enviar a correção')
      focusFirstError()
    } finally {
      setSaving(false)
    }
  }

  return (
    <Stack gap="lg">
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title="O que falta na ficha"
      >
        {status.missing.length > 0 ? (
          <List size="sm" spacing={4} aria-label="O que falta">
            {status.missing.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">Revise os dados conforme o e-mail da equipe.</Text>
        )}
      </Alert>
      <Title order={2} fz="h3">
        Corrigir a ficha
      </Title>
      <Text size="sm" c="dimmed">
        Os dados abaixo são os que você enviou. Complete o que falta, corrija o que for preciso e envie de
        novo.
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => void submit(values),
          () => focusFirstError(),
        )}
      >
        <FichaFields
          form={form}
          sender="none"
          leftovers={leftovers}
          actions={
            <Button type="submit" size="md" loading={saving} leftSection={<IconSend size={18} />}>
              Enviar correção
            </Button>
          }
        />
      </form>
    </Stack>
  )
}

/**
 * Without protocol and key (someone typed the address, or the link lost its end): the key is in
 * the e-mailed link only, so the page asks for that link — pasted whole, it opens the ficha.
 */
function PasteLink() {
  const navigate = useNavigate()
  const [link, setLink] = useState('')
  const [error, setError] = useState<string | null>(null)
  function open(event: FormEvent) {
    event.preventDefault()
    let url: URL
    try {
      url = new URL(link.trim(), window.location.origin)
    } catch {
      url = new URL('about:blank')
    }
    const protocol = url.searchParams.get('protocolo')?.trim()
    const key = url.searchParams.get('chave')?.trim()
    if (!protocol || !key) {
      setError(
        'Este não é o link de acompanhamento: cole o endereço inteiro, que contém "protocolo=" e "chave=".',
      )
      return
    }
    navigate(`/fichas/acompanhar?${new URLSearchParams({ protocolo: protocol, chave: key }).toString()}`)
  }
  return (
    <form onSubmit={open} noValidate>
      <Stack gap="md">
        <Text>
          Para ver a situação da sua ficha, abra o link que enviamos por e-mail quando ela foi registrada: ele
          traz o protocolo e uma chave de acesso, que só quem recebeu o e-mail conhece.
        </Text>
        <TextInput
          label="Link recebido por e-mail"
          placeholder="https://…/fichas/acompanhar?protocolo=…&chave=…"
          value={link}
          onChange={(e) => {
            setLink(e.currentTarget.value)
            setError(null)
          }}
          error={error}
        />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconSearch size={18} />}>
            Abrir a ficha
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          Não encontrou o e-mail? Procure por "Ficha" ou pelo número do protocolo na caixa de entrada e no
          spam. Se não estiver lá, fale com a equipe que pediu a ficha.
        </Text>
      </Stack>
    </form>
  )
}
