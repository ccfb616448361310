import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconId } from '@tabler/icons-react'
import { type FormEvent, useState } from 'react'
import { useParams } from 'react-router'
import { isValidCpf } from '../../../shared/documents.ts'
import { api, isApiError } from '../../shared/api.ts'
import { notifyError } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { PublicLayout } from '../intake/public-layout.tsx'
import { CpfInput, PublicLoading } from './parts.tsx'
import type { CpfTokenInfo } from './types.ts'

const TITLE = 'Informe seu CPF para receber o certificado'

/** `/evento/cpf/:token`: a participant without a CPF on file gives it, so the certificate can be issued. */
export function CpfPage() {
  const { token = '' } = useParams()
  const path = `/public/cpf/${encodeURIComponent(token)}`
  const query = useApiQuery<CpfTokenInfo>(path)
  const [saved, setSaved] = useState(false)

  if (query.error && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <PublicLayout title="Link inválido" width={560}>
        <Text>
          Este link não existe ou já expirou. Abra o link exatamente como veio no e-mail ou fale com quem
          organizou o evento.
        </Text>
      </PublicLayout>
    )
  }
  if (query.error) {
    return (
      <PublicLayout title={TITLE} width={560}>
        <LoadError error={query.error} onRetry={() => void query.reload()} />
      </PublicLayout>
    )
  }
  if (!query.data) return <PublicLoading title={TITLE} />
  const info = query.data

  const subtitle = (
    <>
      <Text span fw={600} c="var(--mantine-color-text)">
        {info.participantName}
      </Text>
      <br />
      {info.eventDescription}
    </>
  )

  if (saved) {
    return (
      <PublicLayout title="CPF registrado" subtitle={subtitle} width={560}>
        <Alert color="teal" icon={<IconCircleCheck size={20} />} role="status" data-testid="cpf-saved">
          CPF registrado. O certificado será enviado para o seu e-mail.
        </Alert>
      </PublicLayout>
    )
  }
  if (info.hasCpf) {
    return (
      <PublicLayout title="Seu CPF já está registrado" subtitle={subtitle} width={560}>
        <Alert color="teal" icon={<IconCircleCheck size={20} />} data-testid="cpf-saved">
          Não é preciso fazer mais nada: o certificado será enviado para o seu e-mail.
        </Alert>
      </PublicLayout>
    )
  }
  return (
    <PublicLayout title={TITLE} subtitle={subtitle} width={560}>
      <CpfForm path={path} onSaved={() => setSaved(true)} />
    </PublicLayout>
  )
}

function CpfForm({ path, onSaved }: { path: string; onSaved: () => void }) {
  const [cpf, setCpf] = useState('')
  /** About the typed CPF (under the field). */
  const [error, setError] = useState<string | null>(null)
  /** Anything else, such as an expired link (above the field). */
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!isValidCpf(cpf)) {
      setError(cpf.trim() ? 'CPF inválido: confira os dígitos.' : 'Informe o CPF.')
      return
    }
    setError(null)
    setProblem(null)
    setSending(true)
    try {
      await api.post<CpfTokenInfo>(path, { cpf })
      onSaved()
    } catch (err) {
      if (isApiError(err) && err.fields.cpf) setError(err.fields.cpf)
      else if (isApiError(err) && err.status > 0 && err.status < 500) setProblem(err.message)
      else notifyError(err, 'Não foi possível registrar o CPF')
    } finally {
      setSending(false)
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <Text size="sm">
          O certificado leva o seu CPF, para que qualquer pessoa possa conferir que ele é seu. Confira os
          dígitos antes de registrar.
        </Text>
        {problem ? (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {problem}
          </Alert>
        ) : null}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <CpfInput
            label="CPF"
            required
            data-autofocus
            value={cpf}
            onChange={setCpf}
            error={error}
            leftSection={<IconId size={16} />}
            w={240}
          />
        </Group>
        <Group>
          <Button type="submit" loading={sending}>
            Registrar CPF
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
