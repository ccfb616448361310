import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Divider,
  Group,
  Input,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconDeviceFloppy,
  IconRocket,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatDate, formatDateTime } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { applyFieldErrors, notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { ENVIRONMENTS } from '../client-orgs/client-orgs.labels.ts'
import type { CertificateType, ClientSetup, SaveClientSetupBody } from './trial.types.ts'

const CERTIFICATE_TYPES: { value: CertificateType; label: string }[] = [
  { value: 'A1', label: 'A1 (arquivo)' },
  { value: 'A3', label: 'A3 (cartão ou token)' },
]

interface SetupValues {
  certificateType: CertificateType | ''
  invoiceSeries: string
  nextInvoiceNumber: number | string
}

function valuesOf(setup: ClientSetup): SetupValues {
  return {
    certificateType: setup.certificateType ?? '',
    invoiceSeries: setup.invoiceSeries ?? '',
    nextInvoiceNumber: setup.nextInvoiceNumber ?? '',
  }
}

/**
 * `/clientes/:id/primeiro-acesso` ("Acessar" on the client list): the first-access setup of a client
 * in Homologação — certificate type and invoice numbering — and "Mover para Produção".
 */
export function FirstAccessPage() {
  const { id = '' } = useParams()
  const setup = useApiQuery<ClientSetup>(`/client-orgs/${encodeURIComponent(id)}/setup`)

  if (setup.error?.status === 404 || setup.error?.status === 400) return <NotFoundContent />
  if (setup.error && !setup.data) return <LoadError error={setup.error} onRetry={() => void setup.reload()} />
  if (!setup.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando configuração" />
      </Center>
    )
  }
  return <FirstAccess key={setup.data.clientOrgId} initial={setup.data} />
}

function FirstAccess({ initial }: { initial: ClientSetup }) {
  const [setup, setSetup] = useState(initial)
  const [saving, setSaving] = useState(false)
  const [moving, setMoving] = useState(false)
  const [moveError, setMoveError] = useState<string | null>(null)
  const form = useForm<SetupValues>({
    initialValues: valuesOf(initial),
    validate: {
      certificateType: (value) => (value ? null : 'Escolha o tipo de certificado digital: A1 ou A3.'),
      invoiceSeries: (value) =>
        /^[0-9]{1,3}$/.test(value.trim()) ? null : 'Série: de 1 a 3 dígitos (ex.: 1).',
      nextInvoiceNumber: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 999_999_999
          ? null
          : 'Informe o número da próxima nota (de 1 a 999.999.999).',
    },
  })
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows each saved setup
  useEffect(() => {
    form.setValues(valuesOf(setup))
    form.resetDirty()
  }, [setup])

  const inProduction = setup.environment === 'producao'
  const complete = setup.completedAt !== null
  const environment = ENVIRONMENTS[setup.environment]

  async function save(values: SetupValues) {
    if (!values.certificateType) return
    const body: SaveClientSetupBody = {
      certificateType: values.certificateType,
      invoiceSeries: values.invoiceSeries.trim(),
      nextInvoiceNumber: Number(values.nextInvoiceNumber),
    }
    setSaving(true)
    setMoveError(null)
    try {
      const saved = await api.put<ClientSetup>(`/client-orgs/${setup.clientOrgId}/setup`, body)
      setSetup(saved)
      notifySuccess('Configuração do primeiro acesso salva.')
    } catch (error) {
      applyFieldErrors(form, error)
      notifyError(error, 'Não foi possível salvar a configuração')
    } finally {
      setSaving(false)
    }
  }

  async function moveToProduction() {
    setMoving(true)
    setMoveError(null)
    try {
      const saved = await api.post<ClientSetup>(`/client-orgs/${setup.clientOrgId}/move-to-production`)
      setSetup(saved)
      notifySuccess(`${saved.clientName} agora está em Produção.`)
    } catch (error) {
      if (error instanceof ApiError) setMoveError(error.message)
      else notifyError(error, 'Não foi possível mover para Produção')
    } finally {
      setMoving(false)
    }
  }

  return (
    <>
      <Anchor component={Link} to="/clientes" size="sm" mb="xs" display="inline-block">
        <Group gap={4} wrap="nowrap">
          <IconArrowLeft size={14} /> Clientes
        </Group>
      </Anchor>
      <PageHeader
        title="Primeiro acesso"
        description={
          inProduction ? (
            <>
              Configuração do emissor de <strong>{setup.clientName}</strong>, já em Produção.
            </>
          ) : (
            <>
              Configure o emissor de <strong>{setup.clientName}</strong>: tipo de certificado digital e
              numeração das notas. Com a configuração completa, mova o cliente para Produção.
            </>
          )
        }
        actions={
          <Badge
            size="lg"
            variant="light"
            color={environment.color}
            aria-label={`Ambiente: ${environment.label}`}
          >
            {environment.label}
          </Badge>
        }
      />

      <Stack gap="md" maw={760}>
        {setup.trialEndsOn && !inProduction ? (
          <Text size="sm" c="dimmed">
            Teste grátis até {formatDate(setup.trialEndsOn)}.
          </Text>
        ) : null}

        <Paper withBorder p="md" component="section" aria-label="Configuração do emissor">
          <Title order={2} fz="h4" mb="md">
            Configuração do emissor
          </Title>
          <form onSubmit={form.onSubmit((v) => void save(v))} noValidate>
            <Stack gap="md">
              <Stack gap={4}>
                <Input.Label id="certificate-type">Tipo de certificado digital</Input.Label>
                <SegmentedControl
                  aria-labelledby="certificate-type"
                  data={CERTIFICATE_TYPES}
                  value={form.getValues().certificateType}
                  onChange={(value) => {
                    form.setFieldValue('certificateType', value as CertificateType)
                    form.clearFieldError('certificateType')
                  }}
                  w="fit-content"
                />
                {form.errors.certificateType ? (
                  <Text size="xs" c="red" role="alert">
                    {form.errors.certificateType}
                  </Text>
                ) : null}
              </Stack>
              <Group gap="md" align="flex-start" grow preventGrowOverflow={false}>
                <TextInput
                  label="Série das notas"
                  description="De 1 a 3 dígitos"
                  placeholder="1"
                  inputMode="numeric"
                  maxLength={3}
                  autoComplete="off"
                  maw={200}
                  {...form.getInputProps('invoiceSeries')}
                />
                <NumberInput
                  label="Número da próxima nota"
                  description="A primeira nota emitida pelo Cadastra usa este número."
                  min={1}
                  max={999_999_999}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  thousandSeparator="."
                  decimalSeparator=","
                  {...form.getInputProps('nextInvoiceNumber')}
                />
              </Group>
              <Group justify="space-between" gap="sm">
                {complete ? (
                  <Group gap={6} c="teal.8">
                    <IconCircleCheck size={18} />
                    <Text size="sm">Configuração completa em {formatDateTime(setup.completedAt)}.</Text>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    Configuração ainda não salva.
                  </Text>
                )}
                <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />}>
                  Salvar configuração
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>

        <Paper withBorder p="md" component="section" aria-label="Ambiente">
          <Title order={2} fz="h4" mb={4}>
            Ambiente
          </Title>
          {inProduction ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Cliente em Produção">
              {setup.movedToProductionAt
                ? `Movido para Produção em ${formatDateTime(setup.movedToProductionAt)}.`
                : 'As notas deste cliente já são emitidas em Produção.'}
            </Alert>
          ) : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                Em Homologação as notas são só de teste. Em Produção passam a valer: confira a configuração
                antes.
              </Text>
              <Divider />
              <Group justify="space-between" gap="sm">
                <Text size="sm">
                  {complete
                    ? 'Tudo pronto para mover para Produção.'
                    : 'Salve a configuração do emissor para liberar a Produção.'}
                </Text>
                <Button
                  color="teal"
                  leftSection={<IconRocket size={16} />}
                  disabled={!complete || form.isDirty()}
                  loading={moving}
                  onClick={() => void moveToProduction()}
                  title={complete ? undefined : 'Salve a configuração completa antes'}
                >
                  Mover para Produção
                </Button>
              </Group>
              {moveError ? (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
                  {moveError}
                </Alert>
              ) : null}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  )
}
