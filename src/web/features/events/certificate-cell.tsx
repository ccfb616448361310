import { Anchor, Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { useState } from 'react'
import { formatDate, formatNumber } from '../../../shared/format.ts'
import { API_BASE, ApiError, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import type { CertificateSummary, Registration } from './events.types.ts'

/**
 * The participant's certificate: code, PDF, "Revogar" (with a reason) and, once revoked, "Reemitir"
 * (the server issues a new version only after the current one is revoked).
 */
export function CertificateCell({
  registration: r,
  onChanged,
}: {
  registration: Registration
  onChanged: () => Promise<void>
}) {
  const [revoking, setRevoking] = useState(false)
  const [reissuing, setReissuing] = useState(false)
  const certificate = r.certificate
  if (!certificate) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    )
  }
  const revoked = certificate.status === 'revoked'

  async function reissue(id: string) {
    setReissuing(true)
    try {
      const next = await api.post<CertificateSummary>(`/certificates/${id}/reissue`)
      notifySuccess(`Certificado de ${r.name} reemitido (versão ${formatNumber(next.version)}).`)
      await onChanged()
    } catch (error) {
      notifyError(error, 'Não foi possível reemitir o certificado')
    } finally {
      setReissuing(false)
    }
  }

  return (
    <Stack gap={4} align="flex-start">
      <Group gap={6}>
        <Anchor
          href={`${API_BASE}/certificates/${certificate.id}/pdf`}
          size="sm"
          ff="monospace"
          td={revoked ? 'line-through' : undefined}
          aria-label={`Baixar o certificado ${certificate.code} de ${r.name} (PDF)`}
          title="Baixar o PDF"
        >
          {certificate.code}
        </Anchor>
        {revoked ? (
          <Badge size="xs" color="red" variant="light">
            Revogado
          </Badge>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {revoked && certificate.revokedAt
          ? `Revogado em ${formatDate(certificate.revokedAt)}`
          : `Emitido em ${formatDate(certificate.issuedAt)}`}
        {certificate.version > 1 ? ` · versão ${formatNumber(certificate.version)}` : ''}
      </Text>
      <Group gap={4}>
        {revoked ? null : (
          <Button
            variant="subtle"
            color="red"
            size="compact-xs"
            onClick={() => setRevoking(true)}
            aria-label={`Revogar o certificado de ${r.name}`}
          >
            Revogar
          </Button>
        )}
        {revoked ? (
          <Button
            variant="subtle"
            size="compact-xs"
            loading={reissuing}
            onClick={() => void reissue(certificate.id)}
            aria-label={`Reemitir o certificado de ${r.name}`}
          >
            Reemitir
          </Button>
        ) : null}
      </Group>
      <RevokeModal
        opened={revoking}
        certificate={certificate}
        participant={r.name}
        onClose={() => setRevoking(false)}
        onRevoked={onChanged}
      />
    </Stack>
  )
}

interface RevokeProps {
  opened: boolean
  certificate: CertificateSummary
  participant: string
  onClose: () => void
  onRevoked: () => Promise<void>
}

function RevokeModal({ opened, certificate, participant, onClose, onRevoked }: RevokeProps) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function revoke() {
    if (reason.trim().length < 3) {
      setError('Informe o motivo da revogação.')
      return
    }
    setBusy(true)
    try {
      await api.post<CertificateSummary>(`/certificates/${certificate.id}/revoke`, { reason: reason.trim() })
      notifySuccess(`Certificado ${certificate.code} revogado.`)
      setReason('')
      onClose()
      await onRevoked()
    } catch (err) {
      if (err instanceof ApiError && err.fields.reason) setError(err.fields.reason)
      notifyError(err, 'Não foi possível revogar o certificado')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={busy ? () => {} : onClose} title="Revogar certificado" centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void revoke()
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            O certificado {certificate.code} de {participant} deixa de valer; a página de verificação passa a
            mostrá-lo como revogado.
          </Text>
          <Textarea
            label="Motivo da revogação"
            required
            autosize
            minRows={3}
            maxLength={500}
            value={reason}
            error={error}
            onChange={(e) => {
              setReason(e.currentTarget.value)
              setError(null)
            }}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Voltar
            </Button>
            <Button type="submit" color="red" loading={busy}>
              Revogar certificado
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
