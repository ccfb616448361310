import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  LoadingOverlay,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react'
import { type ReactNode, useEffect, useState } from 'react'
import { BANDS, BAND_LABELS, type Band } from '../../../shared/password/meter.ts'
import { api } from '../../shared/api.ts'
import { useUser } from '../../shared/session.tsx'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { EventTypesSection } from './event-types-section.tsx'
import { ExtraFieldsSection } from './extra-fields-section.tsx'
import { LogoSection } from './logo-section.tsx'
import type { SecondFactor, TenantSettings, TenantSettingsPatch } from './settings.types.ts'

/** The score range of each band, as the strength meter computes it (0–100%). */
const BAND_RANGES: Record<Band, string> = {
  'muito-fraca': 'abaixo de 20%',
  fraca: '20% a 39%',
  boa: '40% a 59%',
  forte: '60% a 79%',
  'muito-forte': '80% ou mais',
}

const BAND_OPTIONS = BANDS.map((band) => ({
  value: band,
  label: `${BAND_LABELS[band]} (${BAND_RANGES[band]})`,
}))

const SECOND_FACTORS: { value: SecondFactor; label: string; description: string }[] = [
  {
    value: 'totp',
    label: 'Aplicativo autenticador (TOTP) — recomendado',
    description: 'Google Authenticator, Microsoft Authenticator e similares; funciona sem internet.',
  },
  {
    value: 'email',
    label: 'Código por e-mail',
    description: 'Um código de uso único enviado ao e-mail do usuário a cada entrada.',
  },
  {
    value: 'sms',
    label: 'Código por SMS',
    description: 'Um código de uso único enviado ao celular cadastrado do usuário a cada entrada.',
  },
]

interface SettingsForm {
  invitationTtlDays: number | string
  passwordPolicy: { minBand: Band; minLength: number | string; minClasses: number | string }
  secondFactors: SecondFactor[]
  invitationsAwaitTraining: boolean
  inactivateClientOnLastPlanCancel: boolean
}

function toForm(settings: TenantSettings): SettingsForm {
  return {
    invitationTtlDays: settings.invitationTtlDays,
    passwordPolicy: { ...settings.passwordPolicy },
    secondFactors: [...settings.secondFactors],
    invitationsAwaitTraining: settings.invitationsAwaitTraining,
    inactivateClientOnLastPlanCancel: settings.inactivateClientOnLastPlanCancel,
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item))
}

/** Only what changed since the last saved settings (empty object: nothing to save). */
function changesOf(values: SettingsForm, saved: TenantSettings): TenantSettingsPatch {
  const patch: TenantSettingsPatch = {}
  if (Number(values.invitationTtlDays) !== saved.invitationTtlDays) {
    patch.invitationTtlDays = Number(values.invitationTtlDays)
  }
  const policy: Partial<TenantSettings['passwordPolicy']> = {}
  if (values.passwordPolicy.minBand !== saved.passwordPolicy.minBand) {
    policy.minBand = values.passwordPolicy.minBand
  }
  if (Number(values.passwordPolicy.minLength) !== saved.passwordPolicy.minLength) {
    policy.minLength = Number(values.passwordPolicy.minLength)
  }
  if (Number(values.passwordPolicy.minClasses) !== saved.passwordPolicy.minClasses) {
    policy.minClasses = Number(values.passwordPolicy.minClasses)
  }
  if (Object.keys(policy).length > 0) patch.passwordPolicy = policy
  if (!sameSet(values.secondFactors, saved.secondFactors)) {
    // Keep the order of the options, whatever order they were ticked in.
    patch.secondFactors = SECOND_FACTORS.map((f) => f.value).filter((f) => values.secondFactors.includes(f))
  }
  if (values.invitationsAwaitTraining !== saved.invitationsAwaitTraining) {
    patch.invitationsAwaitTraining = values.invitationsAwaitTraining
  }
  if (values.inactivateClientOnLastPlanCancel !== saved.inactivateClientOnLastPlanCancel) {
    patch.inactivateClientOnLastPlanCancel = values.inactivateClientOnLastPlanCancel
  }
  return patch
}

function wholeNumberIn(min: number, max: number, message: string) {
  return (value: number | string) => {
    const n = typeof value === 'number' ? value : Number.NaN
    return Number.isInteger(n) && n >= min && n <= max ? null : message
  }
}

export function SettingsPage() {
  const user = useUser()
  const settings = useApiQuery<TenantSettings>('/settings')
  const [saved, setSaved] = useState<TenantSettings | null>(null)
  const [saving, setSaving] = useState(false)
  const form = useForm<SettingsForm>({
    initialValues: {
      invitationTtlDays: 7,
      passwordPolicy: { minBand: 'boa', minLength: 8, minClasses: 3 },
      secondFactors: ['totp'],
      invitationsAwaitTraining: false,
      inactivateClientOnLastPlanCancel: false,
    },
    validate: {
      invitationTtlDays: wholeNumberIn(1, 90, 'Informe de 1 a 90 dias.'),
      passwordPolicy: {
        minLength: wholeNumberIn(8, 64, 'Informe de 8 a 64 caracteres.'),
        minClasses: wholeNumberIn(1, 4, 'Informe de 1 a 4 tipos.'),
      },
      secondFactors: (value) => (value.length > 0 ? null : 'Permita pelo menos um método de KEYPASS.'),
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once the settings arrive
  useEffect(() => {
    if (!settings.data) return
    setSaved(settings.data)
    form.setValues(toForm(settings.data))
    form.resetDirty()
    form.clearErrors()
  }, [settings.data])

  const changes = saved ? changesOf(form.values, saved) : {}
  const changed = Object.keys(changes).length > 0

  async function submit(values: SettingsForm) {
    if (!saved) return
    const patch = changesOf(values, saved)
    if (Object.keys(patch).length === 0) return
    setSaving(true)
    try {
      const next = await api.patch<TenantSettings>('/settings', patch)
      setSaved(next)
      form.setValues(toForm(next))
      form.resetDirty()
      notifySuccess('Configurações salvas.')
    } catch (error) {
      handleFormError(form, error, 'Não foi possível salvar as configurações')
    } finally {
      setSaving(false)
    }
  }

  return (
    <>
      <PageHeader
        title="Configurações do inquilino"
        description={`Regras de convites, senhas e KEYPASS que valem para todos os usuários de ${user.tenant.name}, da equipe e do portal.`}
      />

      {settings.error ? <LoadError error={settings.error} onRetry={() => void settings.reload()} /> : null}

      <Box pos="relative" mih={200}>
        <LoadingOverlay visible={!saved && !settings.error} zIndex={1} />
        {saved ? (
          <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
            <Stack gap="md">
              <Section
                title="Convites"
                description="Vale para os convites enviados à equipe e aos usuários de clientes."
              >
                <NumberInput
                  label="Validade do link do convite, em dias"
                  description="O padrão é 7 dias"
                  min={1}
                  max={90}
                  step={1}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  maw={360}
                  {...form.getInputProps('invitationTtlDays')}
                />
                <Checkbox
                  mt="md"
                  label="Convites aguardam o treinamento da unidade"
                  description="Usuários de empresas que ainda não foram treinadas recebem o convite quando a presença no treinamento for registrada. As fichas cadastrais seguem sempre esta regra."
                  {...form.getInputProps('invitationsAwaitTraining', { type: 'checkbox' })}
                />
              </Section>

              <Section
                title="Clientes e planos"
                description="O que acontece com o cliente quando os planos dele mudam."
              >
                <Checkbox
                  label="Inativar o cliente quando o último plano for cancelado"
                  description="Ao cancelar o único plano ativo de um cliente, o cliente também passa a Inativo."
                  {...form.getInputProps('inactivateClientOnLastPlanCancel', { type: 'checkbox' })}
                />
              </Section>

              <Section
                title="Política de senhas"
                description="O que uma senha precisa para ser aceita ao definir ou trocar a senha."
              >
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                  <Select
                    label="Força mínima"
                    description="Pontuação do medidor de força"
                    data={BAND_OPTIONS}
                    allowDeselect={false}
                    checkIconPosition="right"
                    {...form.getInputProps('passwordPolicy.minBand')}
                  />
                  <NumberInput
                    label="Tamanho mínimo"
                    description="De 8 a 64 caracteres"
                    min={8}
                    max={64}
                    step={1}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    {...form.getInputProps('passwordPolicy.minLength')}
                  />
                  <NumberInput
                    label="Tipos de caracteres exigidos"
                    description="De 4: maiúsculas, minúsculas, números, símbolos"
                    min={1}
                    max={4}
                    step={1}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    {...form.getInputProps('passwordPolicy.minClasses')}
                  />
                </SimpleGrid>
                <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mt="md">
                  O medidor de força que aparece em todos os campos de senha usa estas regras: ele mostra o
                  que falta enquanto a pessoa digita, e o servidor recusa senhas fora da política.
                </Alert>
              </Section>

              <Section
                title="KEYPASS (segundo fator)"
                description="Os usuários escolhem entre os métodos permitidos aqui quando configuram o KEYPASS."
              >
                <Checkbox.Group
                  label="Métodos permitidos"
                  description="Marque pelo menos um."
                  {...form.getInputProps('secondFactors')}
                >
                  <Stack gap="sm" mt="xs">
                    {SECOND_FACTORS.map((factor) => (
                      <Checkbox
                        key={factor.value}
                        value={factor.value}
                        label={factor.label}
                        description={factor.description}
                      />
                    ))}
                  </Stack>
                </Checkbox.Group>
              </Section>

              <Group justify="flex-end" gap="sm">
                {changed ? (
                  <Button variant="default" onClick={() => form.setValues(toForm(saved))} disabled={saving}>
                    Descartar alterações
                  </Button>
                ) : null}
                <Button
                  type="submit"
                  leftSection={<IconDeviceFloppy size={18} />}
                  loading={saving}
                  disabled={!changed}
                >
                  Salvar alterações
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
        <LogoSection />
        <EventTypesSection />
        <ExtraFieldsSection />
      </Box>
    </>
  )
}

function Section({
  title,
  description,
  children,
}: {
  title: string
  description: string
  children: ReactNode
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap={4} mb="md">
        <Title order={2} fz="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </Stack>
      {children}
    </Paper>
  )
}
