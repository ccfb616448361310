import {
  Alert,
  Anchor,
  Box,
  Button,
  Grid,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconInfoCircle, IconMapPinSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { formatCep, isValidCep, maskCep, normalizeCep } from '../../../shared/documents.ts'
import { api, errorMessage } from '../../shared/api.ts'
import { withManualHint } from '../client-orgs/client-org-form.ts'
import { UFS } from '../client-orgs/client-orgs.labels.ts'
import type { CepLookup } from '../client-orgs/client-orgs.types.ts'
import { type AddressErrors, type AddressValues, EMPTY_ADDRESS, validateAddress } from './address.ts'

const CORREIOS_URL = 'https://buscacepinter.correios.com.br/app/endereco/index.php'

type LookupState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'found' }
  | { kind: 'missing'; message: string; unavailable: boolean }

/**
 * The client form's CEP lookup (`GET /lookups/cep/:cep`, same answers and messages): fills street,
 * district, city and UF and keeps what the lookup does not know.
 */
export function useCepSearch() {
  const [state, setState] = useState<LookupState>({ kind: 'idle' })

  async function search(current: AddressValues): Promise<AddressValues | null> {
    if (!isValidCep(current.cep)) return null
    setState({ kind: 'loading' })
    try {
      const result = await api.get<CepLookup>(`/lookups/cep/${encodeURIComponent(normalizeCep(current.cep))}`)
      if (!result.found) {
        setState({ kind: 'missing', message: result.message, unavailable: result.reason === 'unavailable' })
        return null
      }
      setState({ kind: 'found' })
      return {
        ...current,
        cep: formatCep(result.data.cep || current.cep),
        street: result.data.logradouro || current.street,
        district: result.data.bairro || current.district,
        city: result.data.municipio || current.city,
        uf: result.data.uf || current.uf,
      }
    } catch (error) {
      setState({ kind: 'missing', message: errorMessage(error), unavailable: true })
      return null
    }
  }

  return { state, search, reset: () => setState({ kind: 'idle' }) }
}

export type CepSearch = ReturnType<typeof useCepSearch>

interface CepRowProps {
  value: AddressValues
  onChange: (next: AddressValues) => void
  errors: AddressErrors
  setErrors: (errors: AddressErrors) => void
  lookup: CepSearch
  /** Label of the search button: "Pesquisar" (seed 2.1) or "Avançar" handled by the caller. */
  buttonLabel?: string
  autoFocus?: boolean
}

/** CEP with the mask and the "Pesquisar" button, the Correios hint and the lookup's result. */
export function CepRow({
  value,
  onChange,
  errors,
  setErrors,
  lookup,
  buttonLabel = 'Pesquisar',
  autoFocus,
}: CepRowProps) {
  async function run() {
    if (!isValidCep(value.cep)) {
      setErrors({ ...errors, cep: 'Digite os 8 dígitos do CEP para pesquisar.' })
      return
    }
    setErrors({ ...errors, cep: undefined })
    const found = await lookup.search(value)
    if (found) {
      onChange(found)
      setErrors({})
    }
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label="CEP"
          placeholder="00000-000"
          inputMode="numeric"
          autoComplete="off"
          required
          data-autofocus={autoFocus || undefined}
          style={{ flex: '0 1 180px' }}
          value={value.cep}
          error={errors.cep}
          onChange={(event) => {
            onChange({ ...value, cep: maskCep(event.currentTarget.value) })
            if (lookup.state.kind !== 'loading') lookup.reset()
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              void run()
            }
          }}
        />
        <Box pt={25}>
          <Button
            variant="light"
            leftSection={<IconMapPinSearch size={16} />}
            loading={lookup.state.kind === 'loading'}
            onClick={() => void run()}
          >
            {buttonLabel}
          </Button>
        </Box>
      </Group>
      <Text size="xs" c="dimmed">
        Não sabe o CEP?{' '}
        <Anchor href={CORREIOS_URL} target="_blank" rel="noopener noreferrer" size="xs">
          Consulte nos Correios
        </Anchor>
        .
      </Text>
      <LookupResult lookup={lookup} />
    </Stack>
  )
}

/** What the CEP lookup found: the address, or why it must be typed by hand. */
export function LookupResult({ lookup }: { lookup: CepSearch }) {
  const { state } = lookup
  if (state.kind === 'found') {
    return (
      <Text size="sm" c="teal.8" role="status">
        Endereço encontrado pelo CEP. Confira e digite o número e o complemento.
      </Text>
    )
  }
  if (state.kind === 'missing') {
    return (
      <Alert
        color={state.unavailable ? 'orange' : 'gray'}
        icon={<IconInfoCircle size={18} />}
        title={state.unavailable ? 'Consulta de CEP indisponível' : 'CEP não encontrado'}
        role="status"
      >
        {withManualHint(state.message, 'Preencha o endereço à mão.')}
      </Alert>
    )
  }
  return null
}

interface AddressInputsProps {
  value: AddressValues
  onChange: (next: AddressValues) => void
  errors: AddressErrors
}

/** Street, number, complement, district, city and UF (the CEP lives in CepRow). */
export function AddressInputs({ value, onChange, errors }: AddressInputsProps) {
  const set = (field: keyof AddressValues) => (event: { currentTarget: { value: string } }) =>
    onChange({ ...value, [field]: event.currentTarget.value })
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <TextInput
          label="Logradouro"
          required
          autoComplete="off"
          value={value.street}
          error={errors.street}
          onChange={set('street')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 4 }}>
        <TextInput
          label="Número"
          required
          placeholder="Ou S/N"
          autoComplete="off"
          value={value.number}
          error={errors.number}
          onChange={set('number')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Complemento"
          autoComplete="off"
          value={value.complement}
          error={errors.complement}
          onChange={set('complement')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Bairro"
          required
          autoComplete="off"
          value={value.district}
          error={errors.district}
          onChange={set('district')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 9 }}>
        <TextInput
          label="Município"
          required
          autoComplete="off"
          value={value.city}
          error={errors.city}
          onChange={set('city')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 3 }}>
        <NativeSelect
          label="UF"
          required
          data={[{ value: '', label: 'Selecione' }, ...UFS.map((uf) => ({ value: uf, label: uf }))]}
          value={value.uf}
          error={errors.uf}
          onChange={set('uf')}
        />
      </Grid.Col>
    </Grid>
  )
}

interface NewAddressModalProps {
  opened: boolean
  onClose: () => void
  /** Called with a valid address; the caller decides where it goes. */
  onSave: (address: AddressValues) => void
  title?: string
}

/** Seed 2.1: "Novo Endereço" — CEP, "Pesquisar", the address found, "Salvar". */
export function NewAddressModal({ opened, onClose, onSave, title = 'Novo Endereço' }: NewAddressModalProps) {
  const [value, setValue] = useState<AddressValues>(EMPTY_ADDRESS)
  const [errors, setErrors] = useState<AddressErrors>({})
  const lookup = useCepSearch()

  function close() {
    setValue(EMPTY_ADDRESS)
    setErrors({})
    lookup.reset()
    onClose()
  }

  function save() {
    const found = validateAddress(value)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    onSave(value)
    close()
  }

  return (
    <Modal opened={opened} onClose={close} title={title} centered size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <Stack gap="md">
          <CepRow
            value={value}
            onChange={setValue}
            errors={errors}
            setErrors={setErrors}
            lookup={lookup}
            autoFocus
          />
          <AddressInputs value={value} onChange={setValue} errors={errors} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancelar
            </Button>
            <Button type="submit">Salvar</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
