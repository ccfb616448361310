import {
  Alert,
  Anchor,
  Box,
  Button,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { IconInfoCircle, IconMapPinSearch, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { formatCep, isValidCep, maskCep, normalizeCep } from '../../../shared/documents.ts'
import { api, errorMessage } from '../../shared/api.ts'
import { type ClientOrgForm, withManualHint } from './client-org-form.ts'
import { ADDRESS_KIND_OPTIONS, UFS } from './client-orgs.labels.ts'
import type { CepLookup } from './client-orgs.types.ts'

const CORREIOS_URL = 'https://buscacepinter.correios.com.br/app/endereco/index.php'

type LookupState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'found'; source: 'api' | 'cache' }
  | { kind: 'missing'; message: string; unavailable: boolean }

interface AddressFieldsProps {
  form: ClientOrgForm
  index: number
  /** Absent: no "Remover" button (an address that must exist, as in the new client wizard). */
  onRemove?: () => void
  /** Defaults to "Endereço N". */
  title?: string
  /** Hides the address type (a single principal address). */
  hideKind?: boolean
}

/** One address of the client: type, CEP with "Buscar", and the fields the CEP lookup fills. */
export function AddressFields({ form, index, onRemove, title: titleProp, hideKind }: AddressFieldsProps) {
  const [lookup, setLookup] = useState<LookupState>({ kind: 'idle' })
  const path = (field: string) => `addresses.${index}.${field}`
  const title = titleProp ?? `Endereço ${index + 1}`
  const headingId = `address-${form.getValues().addresses[index]?.key ?? index}-title`

  async function searchCep() {
    const cep = form.getValues().addresses[index].cep
    if (!isValidCep(cep)) {
      form.setFieldError(path('cep'), 'Digite os 8 dígitos do CEP para buscar.')
      return
    }
    form.clearFieldError(path('cep'))
    setLookup({ kind: 'loading' })
    try {
      const result = await api.get<CepLookup>(`/lookups/cep/${encodeURIComponent(normalizeCep(cep))}`)
      if (!result.found) {
        setLookup({ kind: 'missing', message: result.message, unavailable: result.reason === 'unavailable' })
        return
      }
      const current = form.getValues().addresses[index]
      form.setFieldValue(`addresses.${index}`, {
        ...current,
        cep: formatCep(result.data.cep || cep),
        street: result.data.logradouro || current.street,
        district: result.data.bairro || current.district,
        city: result.data.municipio || current.city,
        uf: result.data.uf || current.uf,
      })
      for (const field of ['street', 'district', 'city', 'uf']) form.clearFieldError(path(field))
      setLookup({ kind: 'found', source: result.source })
    } catch (error) {
      setLookup({ kind: 'missing', message: errorMessage(error), unavailable: true })
    }
  }

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId} role="group">
      <Group justify="space-between" mb="sm" gap="sm">
        <Text fw={600} id={headingId}>
          {title}
        </Text>
        {onRemove ? (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            leftSection={<IconTrash size={16} />}
            onClick={onRemove}
          >
            Remover<VisuallyHidden> endereço {index + 1}</VisuallyHidden>
          </Button>
        ) : null}
      </Group>
      <Grid gap="sm">
        {hideKind ? null : (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NativeSelect label="Tipo" data={ADDRESS_KIND_OPTIONS} {...form.getInputProps(path('kind'))} />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, sm: hideKind ? 12 : 8 }}>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label="CEP"
              placeholder="00000-000"
              inputMode="numeric"
              autoComplete="off"
              style={{ flex: '0 1 180px' }}
              {...form.getInputProps(path('cep'))}
              onChange={(event) => {
                form.setFieldValue(path('cep'), maskCep(event.currentTarget.value))
                if (lookup.kind !== 'loading') setLookup({ kind: 'idle' })
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault()
                  void searchCep()
                }
              }}
            />
            <Box pt={25}>
              <Button
                variant="light"
                leftSection={<IconMapPinSearch size={16} />}
                loading={lookup.kind === 'loading'}
                onClick={() => void searchCep()}
              >
                Buscar<VisuallyHidden> CEP do endereço {index + 1}</VisuallyHidden>
              </Button>
            </Box>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            Não sabe o CEP?{' '}
            <Anchor href={CORREIOS_URL} target="_blank" rel="noopener noreferrer" size="xs">
              Consulte nos Correios
            </Anchor>{' '}
            ou preencha o endereço à mão.
          </Text>
        </Grid.Col>

        {lookup.kind === 'found' ? (
          <Grid.Col span={12}>
            <Text size="sm" c="teal.8" role="status">
              Endereço encontrado pelo CEP. Confira e digite o número e o complemento.
            </Text>
          </Grid.Col>
        ) : null}
        {lookup.kind === 'missing' ? (
          <Grid.Col span={12}>
            <Alert
              color={lookup.unavailable ? 'orange' : 'gray'}
              icon={<IconInfoCircle size={18} />}
              title={lookup.unavailable ? 'Consulta de CEP indisponível' : 'CEP não encontrado'}
              role="status"
            >
              {withManualHint(lookup.message, 'Preencha o endereço à mão.')}
            </Alert>
          </Grid.Col>
        ) : null}

        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label="Logradouro" autoComplete="off" {...form.getInputProps(path('street'))} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 4 }}>
          <TextInput
            label="Número"
            placeholder="Ou S/N"
            autoComplete="off"
            {...form.getInputProps(path('number'))}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Complemento" autoComplete="off" {...form.getInputProps(path('complement'))} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Bairro" autoComplete="off" {...form.getInputProps(path('district'))} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 9 }}>
          <TextInput label="Município" autoComplete="off" {...form.getInputProps(path('city'))} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <NativeSelect
            label="UF"
            data={[{ value: '', label: 'Selecione' }, ...UFS.map((uf) => ({ value: uf, label: uf }))]}
            {...form.getInputProps(path('uf'))}
          />
        </Grid.Col>
      </Grid>
    </Paper>
  )
}
