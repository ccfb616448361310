import {
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { IconCheck, IconPencil, IconWorldSearch } from '@tabler/icons-react'
import { useId, useState } from 'react'
import { api, errorMessage } from '../../shared/api.ts'
import { PasswordStrength } from '../../shared/ui/password-strength.tsx'
import { SERVICE_LABELS } from './client-plans.labels.ts'
import { checkService, clear, type Errors, type ServiceValues, serviceIdentity } from './plan-form.ts'

/** What the seed calls the button that keeps each service (2.2.1 "Salvar", 2.2.2 "Criar email"). */
const KEEP_LABELS: Partial<Record<ServiceValues['kind'], string>> = { email: 'Criar email' }

interface ServiceFieldsProps {
  value: ServiceValues
  onChange: (next: ServiceValues) => void
  errors: Errors
  onErrors: (errors: Errors) => void
  /** Hide the include checkbox (Ad. Serviço adds exactly one service). */
  alwaysOn?: boolean
}

/**
 * One service the plan enables, in a card: include it or not (required ones always), its fields by
 * kind, the strength meter under the passwords and the seed's "Salvar" / "Criar email" that checks
 * the card and folds it into one line.
 */
export function ServiceFields({ value, onChange, errors, onErrors, alwaysOn }: ServiceFieldsProps) {
  const [kept, setKept] = useState(false)
  const titleId = useId()
  const label = SERVICE_LABELS[value.kind]
  const set = <K extends keyof ServiceValues>(field: K, next: ServiceValues[K]) => {
    onChange({ ...value, [field]: next })
    if (errors[field as string]) onErrors(clear(errors, field as string))
  }
  const identity = serviceIdentity(value)

  function keep() {
    const found = checkService(value)
    onErrors(found)
    if (Object.keys(found).length === 0) setKept(true)
  }

  const summary =
    value.kind === 'email'
      ? identity.email
      : value.kind === 'radius'
        ? identity.login
        : value.kind === 'ip'
          ? value.ip
          : value.kind === 'antivirus'
            ? `${value.licences} ${Number(value.licences) === 1 ? 'licença' : 'licenças'}`
            : value.domain

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label}>
      <Group justify="space-between" gap="sm" mb={value.enabled && !kept ? 'sm' : 0}>
        {value.required || alwaysOn ? (
          <Group gap="xs">
            <Text fw={600} id={titleId}>
              {label}
            </Text>
            {value.required ? (
              <Badge variant="light" size="sm">
                Obrigatório no plano
              </Badge>
            ) : null}
          </Group>
        ) : (
          <Checkbox
            id={titleId}
            label={<Text fw={600}>{label}</Text>}
            checked={value.enabled}
            onChange={(event) => {
              onChange({ ...value, enabled: event.currentTarget.checked })
              if (!event.currentTarget.checked) onErrors({})
            }}
          />
        )}
        {value.enabled && kept ? (
          <Group gap="xs">
            <IconCheck size={16} color="var(--mantine-color-teal-7)" />
            <Text size="sm" ff="monospace">
              {summary}
            </Text>
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPencil size={14} />}
              onClick={() => setKept(false)}
            >
              Alterar
            </Button>
          </Group>
        ) : null}
      </Group>
      {!value.enabled ? (
        <Text size="sm" c="dimmed" mt={4}>
          Não incluído. Marque para configurar {label.toLowerCase()} agora; também dá para adicionar depois em
          Ad. Serviço.
        </Text>
      ) : kept ? null : (
        <Stack gap="sm">
          <Grid gap="sm">
            {value.kind === 'radius' || value.kind === 'email' ? (
              <Grid.Col span={{ base: 12, sm: value.kind === 'email' ? 6 : 12 }}>
                <TextInput
                  label="Login"
                  required
                  autoComplete="off"
                  spellCheck={false}
                  value={value.login}
                  error={errors.login}
                  rightSection={
                    value.kind === 'email' ? (
                      <Text size="sm" c="dimmed">
                        @
                      </Text>
                    ) : null
                  }
                  onChange={(e) => set('login', e.currentTarget.value.toLowerCase().replace(/\s/g, ''))}
                />
              </Grid.Col>
            ) : null}
            {value.kind === 'email' || value.kind === 'domain' || value.kind === 'domain_registration' ? (
              <Grid.Col span={{ base: 12, sm: value.kind === 'email' ? 6 : 8 }}>
                <TextInput
                  label="Domínio"
                  required
                  placeholder="empresa.com.br"
                  autoComplete="off"
                  spellCheck={false}
                  value={value.domain}
                  error={errors.domain}
                  onChange={(e) => set('domain', e.currentTarget.value.toLowerCase().replace(/\s/g, ''))}
                />
              </Grid.Col>
            ) : null}
            {value.kind === 'domain_registration' ? (
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NumberInput
                  withAsterisk={false}
                  label="Período de registro (anos)"
                  min={1}
                  max={10}
                  allowDecimal={false}
                  value={value.years}
                  error={errors.years}
                  onChange={(v) => set('years', String(v))}
                />
              </Grid.Col>
            ) : null}
            {value.kind === 'domain_registration' ? (
              <Grid.Col span={12}>
                <DomainAvailability domain={value.domain} />
              </Grid.Col>
            ) : null}
            {value.kind === 'ip' ? (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="IP"
                  required
                  placeholder="200.150.10.5"
                  inputMode="decimal"
                  autoComplete="off"
                  value={value.ip}
                  error={errors.ip}
                  onChange={(e) => set('ip', e.currentTarget.value.replace(/[^\d.]/g, ''))}
                />
              </Grid.Col>
            ) : null}
            {value.kind === 'antivirus' ? (
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <NumberInput
                  withAsterisk={false}
                  label="Licenças"
                  min={1}
                  max={10_000}
                  allowDecimal={false}
                  thousandSeparator="."
                  decimalSeparator=","
                  value={value.licences}
                  error={errors.licences}
                  onChange={(v) => set('licences', String(v))}
                />
              </Grid.Col>
            ) : null}
          </Grid>
          {value.kind === 'radius' || value.kind === 'email' ? (
            <>
              {value.kind === 'email' && identity.email ? (
                <Text size="sm" c="dimmed" mt={-4}>
                  Endereço: <strong>{identity.email}</strong>
                </Text>
              ) : null}
              <Grid gap="sm">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <PasswordInput
                    label="Senha"
                    required
                    autoComplete="new-password"
                    value={value.password}
                    error={errors.password}
                    onChange={(e) => set('password', e.currentTarget.value)}
                  />
                  <PasswordStrength password={value.password} login={identity.login} email={identity.email} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <PasswordInput
                    label="Confirmação da senha"
                    required
                    autoComplete="new-password"
                    value={value.passwordConfirmation}
                    error={errors.passwordConfirmation}
                    onChange={(e) => set('passwordConfirmation', e.currentTarget.value)}
                  />
                </Grid.Col>
              </Grid>
            </>
          ) : null}
          {alwaysOn ? null : (
            <Group justify="flex-end">
              <Button variant="light" leftSection={<IconCheck size={16} />} onClick={keep}>
                {KEEP_LABELS[value.kind] ?? 'Salvar'}
                <VisuallyHidden> {label}</VisuallyHidden>
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  )
}

interface DomainLookup {
  domain: string
  /** Null: Registro.br did not answer. */
  available: boolean | null
  message: string
}

/** Seed 5.4.1.2.5.1 "Verificar Disponibilidade" of a .br domain (Registro.br). */
function DomainAvailability({ domain }: { domain: string }) {
  const [result, setResult] = useState<DomainLookup | null>(null)
  const [busy, setBusy] = useState(false)
  const name = domain.trim().toLowerCase()
  async function check() {
    setBusy(true)
    try {
      setResult(await api.get<DomainLookup>(`/lookups/domain/${encodeURIComponent(name)}`))
    } catch (error) {
      setResult({ domain: name, available: null, message: errorMessage(error) })
    } finally {
      setBusy(false)
    }
  }
  const current = result && result.domain === name ? result : null
  return (
    <Group gap="sm" wrap="wrap">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconWorldSearch size={14} />}
        loading={busy}
        disabled={name.length < 4}
        onClick={() => void check()}
      >
        Verificar Disponibilidade
      </Button>
      {current ? (
        <Text
          size="sm"
          role="status"
          c={current.available === true ? 'teal.8' : current.available === false ? 'red.8' : 'orange.8'}
        >
          {current.message}
        </Text>
      ) : null}
    </Group>
  )
}
