import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, ThemeIcon } from '@mantine/core'
import { IconCertificate, IconCircleCheck, IconCircleX, IconSearch } from '@tabler/icons-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { formatDateTime } from '../../../shared/format.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { PublicLayout } from '../intake/public-layout.tsx'
import { formatEventDates, formatWorkload } from './event-format.ts'
import { PublicLoading } from './parts.tsx'
import type { CertificateVerification } from './types.ts'

const TITLE = 'Verificação de certificado'

/** `/certificados/:code`: anyone checks a certificate by the code printed on it (and its QR code). */
export function CertificateVerificationPage() {
  const { code = '' } = useParams()
  const query = useApiQuery<CertificateVerification>(
    `/public/certificates/${encodeURIComponent(code.trim())}`,
  )

  if (query.error && (query.error.status === 404 || query.error.status === 400)) {
    return (
      <PublicLayout title={TITLE} width={640}>
        <Stack gap="lg">
          <Alert
            color="orange"
            icon={<IconCircleX size={20} />}
            title="Nenhum certificado com este código"
            role="alert"
            data-testid="certificate-not-found"
          >
            Não encontramos o código <strong>{code}</strong>. Confira se ele foi digitado exatamente como
            aparece no certificado.
          </Alert>
          <CodeForm key={code} initial={code} />
        </Stack>
      </PublicLayout>
    )
  }
  if (query.error) {
    return (
      <PublicLayout title={TITLE} width={640}>
        <LoadError error={query.error} onRetry={() => void query.reload()} />
      </PublicLayout>
    )
  }
  if (!query.data) return <PublicLoading title={TITLE} />
  const cert = query.data
  const valid = cert.status === 'valid'

  return (
    <PublicLayout title={TITLE} width={720} eyebrow={cert.tenantName}>
      <Stack gap="lg">
        <Paper
          p="lg"
          radius="md"
          bg={valid ? 'teal.0' : 'red.0'}
          withBorder
          style={{ borderColor: `var(--mantine-color-${valid ? 'teal' : 'red'}-4)` }}
          data-testid="certificate-status"
        >
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={56} radius="xl" color={valid ? 'teal' : 'red'}>
              {valid ? <IconCircleCheck size={34} /> : <IconCircleX size={34} />}
            </ThemeIcon>
            <Stack gap={2}>
              <Text fz={30} fw={800} lh={1.1} c={valid ? 'teal.8' : 'red.8'}>
                {valid ? 'Válido' : 'Revogado'}
              </Text>
              {valid ? (
                <Text size="sm">Este certificado foi emitido por {cert.tenantName} e continua válido.</Text>
              ) : (
                <>
                  <Text size="sm">
                    Revogado em {formatDateTime(cert.revokedAt)}. Este certificado não vale mais.
                  </Text>
                  {cert.revokedReason ? (
                    <Text size="sm">
                      <strong>Motivo:</strong> {cert.revokedReason}
                    </Text>
                  ) : null}
                </>
              )}
            </Stack>
          </Group>
        </Paper>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          <Field label="Participante">{cert.participantName}</Field>
          <Field label="CPF">
            <Text fw={500} ff="monospace">
              {cert.cpfMasked}
            </Text>
          </Field>
          <Field label="Evento">{cert.eventDescription}</Field>
          <Field label="Data">{formatEventDates(cert.eventStartsAt, cert.eventEndsAt)}</Field>
          <Field label="Carga horária">{formatWorkload(cert.workloadHours)}</Field>
          <Field label="Emitido por">{cert.tenantName}</Field>
          <Field label="Código">
            <Text fw={500} ff="monospace">
              {cert.code}
            </Text>
          </Field>
          <Field label="Versão e emissão">
            {`Versão ${cert.version}, emitida em ${formatDateTime(cert.issuedAt)}`}
          </Field>
        </SimpleGrid>
        <CodeForm initial="" />
      </Stack>
    </PublicLayout>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      {typeof children === 'string' ? <Text fw={500}>{children}</Text> : children}
    </Stack>
  )
}

/** Another code to check. */
function CodeForm({ initial }: { initial: string }) {
  const navigate = useNavigate()
  const [value, setValue] = useState(initial)

  function submit(event: FormEvent) {
    event.preventDefault()
    const code = value.trim()
    if (code) navigate(`/certificados/${encodeURIComponent(code)}`)
  }

  return (
    <form onSubmit={submit} noValidate>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Verificar outro código"
          placeholder="Código impresso no certificado"
          leftSection={<IconCertificate size={16} />}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          autoCapitalize="characters"
          spellCheck={false}
        />
        <Button type="submit" variant="default" leftSection={<IconSearch size={16} />}>
          Verificar
        </Button>
      </Group>
    </form>
  )
}
