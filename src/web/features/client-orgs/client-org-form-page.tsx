import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Checkbox,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Radio,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useWindowEvent } from '@mantine/hooks'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconInfoCircle,
  IconPlus,
  IconTrash,
  IconWand,
} from '@tabler/icons-react'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { Link, useBlocker, useNavigate, useParams } from 'react-router'
import {
  detectDocumentType,
  formatCep,
  isValidCnpj,
  isValidDocument,
  maskDocument,
  maskPhone,
  normalizeCnpj,
  onlyDigits,
} from '../../../shared/documents.ts'
import { ApiError, api, errorMessage } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { ExtraFieldDefinition, ExtraFieldDefinitions } from '../settings/settings.types.ts'
import { AddressFields } from './address-fields.tsx'
import {
  type ClientOrgForm,
  type ClientOrgValues,
  applyServerErrors,
  emptyAddress,
  emptyExtraField,
  emptyValues,
  toPayload,
  useClientOrgForm,
  validate,
  valuesFromOrg,
  withManualHint,
} from './client-org-form.ts'
import type { ClientOrg, ClientOrgDetail, CnpjData, CnpjLookup } from './client-orgs.types.ts'

/** `/clientes/novo` and `/clientes/:id/editar`: the full client registration form. */
export function ClientOrgFormPage() {
  const { id } = useParams()
  const org = useApiQuery<ClientOrgDetail>(id ? `/client-orgs/${encodeURIComponent(id)}` : null)
  // The tenant's client fields shape the form's initial values, so the form waits for them.
  const extra = useApiQuery<ExtraFieldDefinitions>('/settings/extra-fields')

  if (org.error?.status === 404 || org.error?.status === 400) return <NotFoundContent />
  if (org.error) return <LoadError error={org.error} onRetry={() => void org.reload()} />
  if (extra.error) return <LoadError error={extra.error} onRetry={() => void extra.reload()} />
  if ((id && !org.data) || !extra.data) {
    return (
      <Center py="xl">
        <Loader aria-label={id ? 'Carregando cliente' : 'Carregando formulário'} />
      </Center>
    )
  }
  const definitions = extra.data.clients
  if (!id || !org.data) return <ClientOrgFormContent key="new" existing={null} definitions={definitions} />
  return <ClientOrgFormContent key={org.data.id} existing={org.data} definitions={definitions} />
}

export type CnpjState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'found'; data: CnpjData; warning?: string }
  | { kind: 'missing'; message: string; unavailable: boolean }

function ClientOrgFormContent({
  existing,
  definitions,
}: {
  existing: ClientOrgDetail | null
  definitions: ExtraFieldDefinition[]
}) {
  const navigate = useNavigate()
  const isNew = existing === null
  const form = useClientOrgForm(existing ? valuesFromOrg(existing, definitions) : emptyValues(definitions))
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const stateRegistrationRef = useRef<HTMLInputElement>(null)
  const [cnpj, setCnpj, lookupCnpj] = useCnpjLookup(form, () => stateRegistrationRef.current?.focus())
  const leaving = useRef(false)
  const dirty = form.isDirty()
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname,
  )
  useWindowEvent('beforeunload', (event) => {
    if (dirty && !leaving.current) event.preventDefault()
  })
  const values = form.getValues()
  const documentType = detectDocumentType(values.document)
  const canLookup = documentType === 'cnpj' && isValidCnpj(values.document)
  const backTo = existing ? `/clientes/${existing.id}` : '/clientes'
  const duplicate = useDuplicate(isNew ? values.document : '')

  async function submit() {
    const current = form.getValues()
    const errors = validate(current, isNew)
    form.setErrors(errors)
    setFormError(null)
    if (Object.keys(errors).length > 0) {
      setFormError('Revise os campos destacados.')
      return
    }
    const payload = toPayload(current, isNew)
    setSaving(true)
    try {
      const saved = existing
        ? await api.patch<ClientOrgDetail>(`/client-orgs/${existing.id}`, payload.body)
        : await api.post<ClientOrgDetail>('/client-orgs', payload.body)
      notifySuccess(existing ? 'Alterações salvas.' : `Cliente ${saved.name} cadastrado.`)
      leaving.current = true
      navigate(`/clientes/${saved.id}`)
    } catch (error) {
      const leftovers = applyServerErrors(form, payload, error)
      const hasFieldErrors = error instanceof ApiError && Object.keys(error.fields).length > leftovers.length
      setFormError(
        [hasFieldErrors ? 'Revise os campos destacados.' : errorMessage(error), ...leftovers].join(' '),
      )
      notifyError(error, existing ? 'Não foi possível salvar' : 'Não foi possível cadastrar o cliente')
    } finally {
      setSaving(false)
    }
  }

  const title = existing ? `Editar ${existing.name}` : 'Novo cliente'

  return (
    <>
      <PageHeader
        title={title}
        description={
          existing
            ? 'Altere os dados cadastrais, contatos e endereços do cliente.'
            : 'Digite o CNPJ e use “Preencher cadastro” para trazer os dados da Receita Federal, ou preencha tudo à mão.'
        }
      />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <Stack gap="lg" maw={960}>
          <Section title="Identificação">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <Group gap="xs" align="flex-start" wrap="wrap">
                  <TextInput
                    label="CPF ou CNPJ"
                    required={isNew}
                    readOnly={!isNew}
                    variant={isNew ? 'default' : 'filled'}
                    autoComplete="off"
                    style={{ flex: '1 1 260px' }}
                    description={
                      !isNew
                        ? 'O CPF/CNPJ não pode ser alterado.'
                        : documentType === 'cpf'
                          ? 'Pessoa física ou produtor rural: preencha os dados à mão.'
                          : 'CNPJ numérico ou alfanumérico, ou CPF.'
                    }
                    {...form.getInputProps('document')}
                    onChange={(event) => {
                      form.setFieldValue('document', maskDocument(event.currentTarget.value))
                      if (cnpj.kind !== 'loading') setCnpj({ kind: 'idle' })
                    }}
                  />
                  <Box pt={{ base: 0, xs: 45 }}>
                    <Button
                      variant="light"
                      leftSection={<IconWand size={16} />}
                      disabled={!canLookup}
                      loading={cnpj.kind === 'loading'}
                      onClick={() => void lookupCnpj()}
                      title={canLookup ? undefined : 'Digite um CNPJ completo e válido'}
                    >
                      Preencher cadastro
                    </Button>
                  </Box>
                </Group>
              </Grid.Col>
              {duplicate ? (
                <Grid.Col span={12}>
                  <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="CPF/CNPJ já cadastrado">
                    <Text size="sm">
                      Já existe um cliente com este CPF/CNPJ: <strong>{duplicate.name}</strong>.{' '}
                      <Anchor component={Link} to={`/clientes/${duplicate.id}`} size="sm">
                        Abrir o cadastro existente
                      </Anchor>
                    </Text>
                  </Alert>
                </Grid.Col>
              ) : null}
              <CnpjResult state={cnpj} />
              <Grid.Col span={12}>
                <TextInput
                  label="Nome/Razão social"
                  required
                  autoComplete="off"
                  {...form.getInputProps('name')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 7 }}>
                <TextInput label="Nome fantasia" autoComplete="off" {...form.getInputProps('tradeName')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <StateRegistrationField form={form} inputRef={stateRegistrationRef} />
              </Grid.Col>
            </Grid>
          </Section>

          <Section title="Contato">
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <RepeatableList
                  form={form}
                  field="emails"
                  label="E-mail"
                  addLabel="Adicionar e-mail"
                  type="email"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <RepeatableList
                  form={form}
                  field="phones"
                  label="Telefone"
                  addLabel="Adicionar telefone"
                  type="tel"
                />
              </Grid.Col>
            </Grid>
          </Section>

          <Section
            title="Endereços"
            description="Principal, de cobrança e de instalação. Digite o CEP e use “Buscar” para preencher o endereço."
          >
            <Stack gap="sm">
              {form.errors.addresses ? (
                <Text size="sm" c="red" role="alert">
                  {form.errors.addresses}
                </Text>
              ) : null}
              {values.addresses.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nenhum endereço.
                </Text>
              ) : null}
              {values.addresses.map((address, index) => (
                <AddressFields
                  key={address.key}
                  form={form}
                  index={index}
                  onRemove={() => form.removeListItem('addresses', index)}
                />
              ))}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} />}
                  onClick={() =>
                    form.insertListItem(
                      'addresses',
                      emptyAddress(
                        form.getValues().addresses.some((a) => a.kind === 'principal')
                          ? 'cobranca'
                          : 'principal',
                      ),
                    )
                  }
                >
                  Adicionar endereço
                </Button>
              </Group>
            </Stack>
          </Section>

          <Section title="Ambiente e acesso">
            <Stack gap="md">
              <Radio.Group
                label="Ambiente"
                description="Clientes novos começam em Homologação (teste); passe para Produção quando a configuração estiver pronta."
                {...form.getInputProps('environment')}
              >
                <Group mt="xs">
                  <Radio value="homologacao" label="Homologação" />
                  <Radio value="producao" label="Produção" />
                </Group>
              </Radio.Group>
              <Switch
                label="Portal do Cliente habilitado"
                description="Os usuários deste cliente poderão entrar no Portal do Cliente."
                {...form.getInputProps('portalEnabled', { type: 'checkbox' })}
              />
              <Textarea
                label="Observações"
                autosize
                minRows={3}
                maxRows={10}
                {...form.getInputProps('notes')}
              />
            </Stack>
          </Section>

          <Section
            title="Campos extras"
            description={
              definitions.length > 0
                ? 'Os campos que a sua empresa definiu em Configurações → Campos extras.'
                : 'Informações próprias do seu processo, como “Código no ERP” ou “Contrato”.'
            }
          >
            <ExtraFieldsList form={form} defined={definitions.length > 0} />
          </Section>

          {formError ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" component={Link} to={backTo}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              {isNew ? 'Cadastrar cliente' : 'Salvar alterações'}
            </Button>
          </Group>
        </Stack>
      </form>

      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title="Sair sem salvar?"
        centered
      >
        <Stack gap="lg">
          <Text size="sm">
            {existing
              ? 'As alterações feitas neste cadastro ainda não foram salvas e serão descartadas.'
              : 'Este cliente ainda não foi cadastrado. Os dados preenchidos serão descartados.'}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              Continuar editando
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              Sair sem salvar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

/**
 * "Preencher cadastro": looks the form's CNPJ up at the Receita Federal and copies what it finds
 * into the form (the new client wizard uses it too). Returns the state, its setter and the lookup.
 */
export function useCnpjLookup(form: ClientOrgForm, onFound?: (data: CnpjData) => void) {
  const [cnpj, setCnpj] = useState<CnpjState>({ kind: 'idle' })
  async function lookupCnpj() {
    setCnpj({ kind: 'loading' })
    try {
      const result = await api.get<CnpjLookup>(
        `/lookups/cnpj/${encodeURIComponent(normalizeCnpj(form.getValues().document))}`,
      )
      if (!result.found) {
        setCnpj({ kind: 'missing', message: result.message, unavailable: result.reason === 'unavailable' })
        return
      }
      prefill(form, result.data)
      setCnpj({ kind: 'found', data: result.data, warning: result.warning })
      onFound?.(result.data)
    } catch (error) {
      setCnpj({ kind: 'missing', message: errorMessage(error), unavailable: true })
    }
  }
  return [cnpj, setCnpj, lookupCnpj] as const
}

/** The existing client with this complete, valid CPF/CNPJ, if any (checked while typing). */
function useDuplicate(document: string): ClientOrg | null {
  const [found, setFound] = useState<ClientOrg | null>(null)
  const normalized = isValidDocument(document) ? normalizeCnpj(document) : ''
  useEffect(() => {
    setFound(null)
    if (!normalized) return
    let live = true
    api
      .get<Paged<ClientOrg>>('/client-orgs', { search: normalized, pageSize: 5 })
      .then((page) => {
        if (live) setFound(page.items.find((org) => normalizeCnpj(org.document) === normalized) ?? null)
      })
      .catch(() => {})
    return () => {
      live = false
    }
  }, [normalized])
  return found
}

function Section({
  title,
  description,
  children,
}: {
  title: string
  description?: string
  children: ReactNode
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} fz="h4" mb={description ? 4 : 'sm'}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      ) : null}
      {children}
    </Paper>
  )
}

export function CnpjResult({ state }: { state: CnpjState }) {
  if (state.kind === 'found') {
    return (
      <Grid.Col span={12}>
        <Stack gap="xs">
          <Alert
            color="teal"
            icon={<IconCircleCheck size={18} />}
            title="Dados da Receita Federal preenchidos"
          >
            <Text size="sm">
              Situação cadastral: <strong>{state.data.situacao}</strong>
              {state.data.cnaePrincipal
                ? ` · Atividade principal: ${state.data.cnaePrincipal.descricao}`
                : ''}
            </Text>
            <Text size="sm">Confira os dados abaixo e digite a Inscrição Estadual.</Text>
          </Alert>
          {state.warning ? (
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Atenção" role="alert">
              {state.warning}
            </Alert>
          ) : null}
        </Stack>
      </Grid.Col>
    )
  }
  if (state.kind === 'missing') {
    return (
      <Grid.Col span={12}>
        <Alert
          color={state.unavailable ? 'orange' : 'gray'}
          icon={<IconInfoCircle size={18} />}
          title="Não foi possível preencher o cadastro"
          role="status"
        >
          {withManualHint(state.message, 'Preencha os dados à mão.')}
        </Alert>
      </Grid.Col>
    )
  }
  return null
}

export function StateRegistrationField({
  form,
  inputRef,
}: {
  form: ClientOrgForm
  inputRef: React.Ref<HTMLInputElement>
}) {
  const value = form.getValues().stateRegistration
  const exempt = value.trim().toUpperCase() === 'ISENTO'
  return (
    <Stack gap={6}>
      <TextInput
        ref={inputRef}
        label="Inscrição Estadual"
        description="Não vem da Receita Federal: digite ou marque ISENTO."
        autoComplete="off"
        readOnly={exempt}
        {...form.getInputProps('stateRegistration')}
        onChange={(event) => form.setFieldValue('stateRegistration', event.currentTarget.value.toUpperCase())}
      />
      <Checkbox
        label="Isento"
        checked={exempt}
        onChange={(event) =>
          form.setFieldValue('stateRegistration', event.currentTarget.checked ? 'ISENTO' : '')
        }
      />
    </Stack>
  )
}

interface RepeatableListProps {
  form: ClientOrgForm
  field: 'emails' | 'phones'
  label: string
  addLabel: string
  type: 'email' | 'tel'
}

function RepeatableList({ form, field, label, addLabel, type }: RepeatableListProps) {
  const items = form.getValues()[field]
  return (
    <Stack gap="xs">
      {items.map((_, index) => {
        const name = index === 0 ? label : `${label} ${index + 1}`
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: plain strings; the inputs are controlled
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={name}
              type={type}
              inputMode={type === 'tel' ? 'tel' : 'email'}
              placeholder={type === 'tel' ? '(27) 99999-9999' : 'contato@empresa.com.br'}
              autoComplete="off"
              style={{ flex: 1 }}
              {...form.getInputProps(`${field}.${index}`)}
              onChange={(event) =>
                form.setFieldValue(
                  `${field}.${index}`,
                  type === 'tel' ? maskPhone(event.currentTarget.value) : event.currentTarget.value,
                )
              }
            />
            {items.length > 1 ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => form.removeListItem(field, index)}
                mb={form.errors[`${field}.${index}`] ? 22 : 0}
              >
                Remover<VisuallyHidden> {name.toLowerCase()}</VisuallyHidden>
              </Button>
            ) : null}
          </Group>
        )
      })}
      {form.errors[field] ? (
        <Text size="sm" c="red" role="alert">
          {form.errors[field]}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem(field, '')}
          disabled={items.length >= 10}
        >
          {addLabel}
        </Button>
      </Group>
    </Stack>
  )
}

/**
 * The client's extra fields. When the tenant defined them (`defined`): one input per definition and
 * the stored fields no definition matches, read-only, to remove. Otherwise free name/value pairs.
 */
function ExtraFieldsList({ form, defined }: { form: ClientOrgForm; defined: boolean }) {
  const items = form.getValues().extraFields
  if (defined) {
    return (
      <Stack gap="sm">
        <Grid gap="sm">
          {items.map((item, index) =>
            item.definition ? (
              <Grid.Col key={item.key} span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={item.definition.label}
                  withAsterisk={item.definition.required}
                  autoComplete="off"
                  maxLength={500}
                  {...form.getInputProps(`extraFields.${index}.value`)}
                />
              </Grid.Col>
            ) : null,
          )}
        </Grid>
        {items.map((item, index) =>
          item.definition ? null : (
            <Group key={item.key} gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                label={item.name}
                description="campo não definido — será recusado; remova-o"
                readOnly
                variant="filled"
                style={{ flex: '1 1 320px' }}
                {...form.getInputProps(`extraFields.${index}.value`)}
              />
              <Box pt={{ base: 0, xs: 45 }}>
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => form.removeListItem('extraFields', index)}
                >
                  Remover<VisuallyHidden> o campo {item.name}</VisuallyHidden>
                </Button>
              </Box>
            </Group>
          ),
        )}
        {form.errors.extraFields ? (
          <Text size="sm" c="red" role="alert">
            {form.errors.extraFields}
          </Text>
        ) : null}
      </Stack>
    )
  }
  return (
    <Stack gap="xs">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nenhum campo extra.
        </Text>
      ) : null}
      {items.map((item, index) => {
        const suffix = index === 0 ? '' : ` ${index + 1}`
        return (
          <Group key={item.key} gap="xs" align="flex-start" wrap="wrap">
            <TextInput
              label={`Nome do campo${suffix}`}
              autoComplete="off"
              style={{ flex: '1 1 200px' }}
              {...form.getInputProps(`extraFields.${index}.name`)}
            />
            <TextInput
              label={`Valor${suffix}`}
              autoComplete="off"
              style={{ flex: '2 1 240px' }}
              {...form.getInputProps(`extraFields.${index}.value`)}
            />
            <Box pt={{ base: 0, xs: 25 }}>
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => form.removeListItem('extraFields', index)}
              >
                Remover<VisuallyHidden> campo extra {index + 1}</VisuallyHidden>
              </Button>
            </Box>
          </Group>
        )
      })}
      {form.errors.extraFields ? (
        <Text size="sm" c="red" role="alert">
          {form.errors.extraFields}
        </Text>
      ) : null}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem('extraFields', emptyExtraField())}
          disabled={items.length >= 30}
        >
          Adicionar campo
        </Button>
      </Group>
    </Stack>
  )
}

/** Copies the Receita Federal data into the form; the Inscrição Estadual is never touched. */
function prefill(form: ClientOrgForm, data: CnpjData) {
  const current: ClientOrgValues = form.getValues()
  const emails = current.emails.filter((e) => e.trim())
  if (data.email && !emails.some((e) => e.trim().toLowerCase() === data.email?.toLowerCase())) {
    emails.push(data.email.toLowerCase())
  }
  const phones = current.phones.filter((p) => p.trim())
  for (const phone of data.telefones) {
    if (!phones.some((p) => onlyDigits(p) === onlyDigits(phone))) phones.push(maskPhone(phone) || phone)
  }
  const addresses = [...current.addresses]
  const e = data.endereco
  if (e.cep || e.logradouro) {
    let index = addresses.findIndex((a) => a.kind === 'principal')
    if (index === -1) {
      addresses.unshift(emptyAddress('principal'))
      index = 0
    }
    addresses[index] = {
      ...addresses[index],
      cep: formatCep(e.cep),
      street: e.logradouro,
      number: e.numero,
      complement: e.complemento,
      district: e.bairro,
      city: e.municipio,
      uf: e.uf.toUpperCase(),
    }
  }
  form.setValues({
    name: data.razaoSocial,
    tradeName: data.nomeFantasia ?? '',
    emails: emails.length ? emails : [''],
    phones: phones.length ? phones : [''],
    addresses,
  })
  form.clearErrors()
}
