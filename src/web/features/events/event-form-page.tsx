import {
  Alert,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { DateInput } from '@mantine/dates'
import { IconAlertCircle, IconCalendar, IconInfoCircle } from '@tabler/icons-react'
import { type ReactNode, useEffect, useState } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { formatNumber } from '../../../shared/format.ts'
import { ApiError, api, errorMessage } from '../../shared/api.ts'
import type { ItemList, Paged } from '../../shared/paged.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import type { Staff } from '../staff/staff.types.ts'
import {
  type EventForm,
  type EventFormValues,
  emptyValues,
  maskTime,
  parseBrazilianDate,
  SERVER_FIELD_MAP,
  toBody,
  useEventForm,
  validate,
  valuesFromEvent,
} from './event-form.ts'
import { EVENT_STATUS_OPTIONS, eventStatusLabel, formatEventRange } from './events.labels.ts'
import type { EventDetail, EventSummary, EventType, SaveEventResult } from './events.types.ts'
import { type Option, RemoteSelect } from './remote-select.tsx'

/** `/eventos/novo` (`?principal=<id>`, `?cliente=<id>`) and `/eventos/:id/editar`. */
export function EventFormPage() {
  const { id } = useParams()
  const [params] = useSearchParams()
  const event = useApiQuery<EventDetail>(id ? `/events/${encodeURIComponent(id)}` : null)

  if (!id) {
    const mainEventId = params.get('principal')
    const clientOrgId = params.get('cliente')
    return (
      <EventFormContent
        key={`new-${mainEventId ?? ''}-${clientOrgId ?? ''}`}
        existing={null}
        initial={emptyValues({ mainEventId, clientOrgId })}
        training={Boolean(clientOrgId)}
      />
    )
  }
  if (event.error?.status === 404 || event.error?.status === 400) return <NotFoundContent />
  if (event.error) return <LoadError error={event.error} onRetry={() => void event.reload()} />
  if (!event.data) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando evento" />
      </Center>
    )
  }
  return (
    <EventFormContent
      key={event.data.id}
      existing={event.data}
      initial={valuesFromEvent(event.data)}
      training={false}
    />
  )
}

interface ContentProps {
  existing: EventDetail | null
  initial: EventFormValues
  /** Came from "Agendar treinamento": preselect a training type. */
  training: boolean
}

function EventFormContent({ existing, initial, training }: ContentProps) {
  const navigate = useNavigate()
  const form = useEventForm(initial)
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [asking, setAsking] = useState(false)
  const types = useApiQuery<ItemList<EventType>>('/event-types')
  const values = form.getValues()
  const isNew = existing === null
  const secondary = Boolean(values.mainEventId)
  const main = useApiQuery<EventDetail>(values.mainEventId ? `/events/${values.mainEventId}` : null)
  const preselectedOrg = useApiQuery<{ id: string; name: string; document: string }>(
    isNew && initial.clientOrgId ? `/client-orgs/${initial.clientOrgId}` : null,
  )

  // "Agendar treinamento": the first training type, once the types arrive.
  useEffect(() => {
    if (!training || form.getValues().typeId) return
    const first = types.data?.items.find((t) => t.isTraining)
    if (first) form.setFieldValue('typeId', first.id)
  }, [training, types.data, form])

  const backTo = existing
    ? `/eventos/${existing.id}`
    : values.mainEventId
      ? `/eventos/${values.mainEventId}`
      : '/eventos'

  function submit() {
    const current = form.getValues()
    const errors = validate(current)
    form.setErrors(errors)
    setFormError(null)
    if (Object.keys(errors).length > 0) {
      setFormError('Revise os campos destacados.')
      return
    }
    if (existing && current.status !== existing.status) {
      setAsking(true)
      return
    }
    void save(undefined)
  }

  async function save(notifyParticipants: boolean | undefined) {
    setAsking(false)
    const body = toBody(form.getValues(), isNew)
    if (notifyParticipants !== undefined) body.notifyParticipants = notifyParticipants
    setSaving(true)
    try {
      const result = existing
        ? await api.put<SaveEventResult>(`/events/${existing.id}`, body)
        : await api.post<SaveEventResult>('/events', body)
      const queued = result.mailsQueued
      notifySuccess(
        queued > 0
          ? `Evento salvo. ${formatNumber(queued)} ${queued === 1 ? 'e-mail' : 'e-mails'} na fila.`
          : 'Evento salvo.',
      )
      navigate(`/eventos/${result.event.id}`)
    } catch (error) {
      const leftovers = applyServerErrors(form, error)
      const hasFieldErrors = error instanceof ApiError && Object.keys(error.fields).length > leftovers.length
      setFormError(
        [hasFieldErrors ? 'Revise os campos destacados.' : errorMessage(error), ...leftovers].join(' '),
      )
      notifyError(error, 'Não foi possível salvar o evento')
    } finally {
      setSaving(false)
    }
  }

  const title = existing
    ? `Editar evento ${existing.code}`
    : secondary
      ? 'Novo evento secundário'
      : training
        ? 'Agendar treinamento'
        : 'Novo evento'

  return (
    <>
      <PageHeader
        title={title}
        description={
          secondary
            ? 'Uma sessão de um evento principal: segue o tipo, o cliente, o local, o link e as inscrições dele.'
            : 'Treinamentos, reuniões e eventos abertos ao público, com inscrições, presença e certificados.'
        }
      />
      {existing && !existing.canEdit ? (
        <Alert color="yellow" icon={<IconAlertCircle size={18} />} mb="md" maw={960}>
          Este evento tem um responsável: só ele e os administradores podem alterá-lo.
        </Alert>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <Stack gap="lg" maw={960}>
          <Section title="Evento">
            <Grid gap="sm">
              <Grid.Col span={12}>
                <RemoteSelect<EventSummary>
                  label="Evento principal"
                  description="Opcional: escolha um evento para criar uma sessão dele (evento secundário)."
                  placeholder="Nenhum (este é um evento principal)"
                  clearable
                  path="/events"
                  params={{ mainOnly: 'true' }}
                  toOption={eventOption}
                  valueLabel={main.data ? eventOption(main.data).label : null}
                  disabled={Boolean(existing && existing.secondaryCount > 0)}
                  value={values.mainEventId}
                  onChange={(value) => form.setFieldValue('mainEventId', value)}
                  error={form.errors.mainEventId}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <TextInput
                  label="Descrição"
                  description={
                    secondary
                      ? 'O nome que os participantes verão; em branco, usa a descrição do principal.'
                      : 'O nome que os participantes verão.'
                  }
                  placeholder={secondary && main.data ? main.data.description : undefined}
                  required={!secondary}
                  maxLength={200}
                  {...form.getInputProps('description')}
                />
              </Grid.Col>
              {secondary ? null : (
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Select
                    label="Tipo"
                    required
                    placeholder={types.loading ? 'Carregando…' : 'Escolha o tipo'}
                    data={(types.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
                    allowDeselect={false}
                    {...form.getInputProps('typeId')}
                  />
                </Grid.Col>
              )}
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <ResponsibleSelect form={form} fallbackLabel={existing?.responsibleName ?? null} />
              </Grid.Col>
              {existing ? (
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <NativeSelect
                    label="Status"
                    description={
                      values.status !== existing.status
                        ? `Muda de ${eventStatusLabel(existing.status)} para ${eventStatusLabel(values.status)}.`
                        : undefined
                    }
                    inputWrapperOrder={['label', 'input', 'description', 'error']}
                    data={EVENT_STATUS_OPTIONS}
                    {...form.getInputProps('status')}
                  />
                </Grid.Col>
              ) : null}
            </Grid>
          </Section>

          <Section title="Data e horário" description="Horário de Brasília (São Paulo).">
            <Grid gap="sm">
              <DateTimeFields form={form} which="start" />
              <DateTimeFields form={form} which="end" />
            </Grid>
          </Section>

          {secondary ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} />} title="Segue o evento principal">
              Tipo, cliente, local, link da conferência, inscrição pública, capacidade e carga horária são os
              do evento principal
              {main.data ? ` (${main.data.code} — ${main.data.description})` : ''}.
            </Alert>
          ) : (
            <Section title="Local e inscrições">
              <Grid gap="sm">
                <Grid.Col span={12}>
                  <RemoteSelect<{ id: string; name: string; document: string }>
                    label="Cliente / local base"
                    description="Opcional: o cliente atendido ou onde o evento acontece."
                    placeholder="Busque pelo nome ou CNPJ"
                    clearable
                    path="/client-orgs"
                    toOption={clientOrgOption}
                    valueLabel={
                      existing?.clientOrgName ??
                      (preselectedOrg.data ? clientOrgOption(preselectedOrg.data).label : null)
                    }
                    value={values.clientOrgId}
                    onChange={(value) => form.setFieldValue('clientOrgId', value)}
                    error={form.errors.clientOrgId}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label="Local"
                    placeholder="Endereço ou sala"
                    maxLength={300}
                    {...form.getInputProps('location')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label="Link da conferência"
                    description="Teams, Meet ou Zoom."
                    placeholder="https://…"
                    type="url"
                    {...form.getInputProps('onlineUrl')}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label="Capacidade"
                    description="Vagas; acima disso, lista de espera. Em branco: sem limite."
                    inputMode="numeric"
                    {...form.getInputProps('capacity')}
                    onChange={(e) => form.setFieldValue('capacity', e.currentTarget.value.replace(/\D/g, ''))}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <TextInput
                    label="Carga horária (horas)"
                    description="Impressa nos certificados, por exemplo 2 ou 1,5."
                    inputMode="decimal"
                    required
                    {...form.getInputProps('workloadHours')}
                  />
                </Grid.Col>
                <Grid.Col span={12}>
                  <Switch
                    label="Inscrição pública"
                    description="Qualquer pessoa pode se inscrever pela página pública do evento."
                    {...form.getInputProps('publicRegistration', { type: 'checkbox' })}
                  />
                </Grid.Col>
              </Grid>
            </Section>
          )}

          {formError ? (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {formError}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" component={Link} to={backTo}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              Salvar
            </Button>
          </Group>
        </Stack>
      </form>

      <Modal
        opened={asking}
        onClose={() => setAsking(false)}
        title="Enviar e-mail aos participantes?"
        centered
      >
        <Stack gap="lg">
          <Text size="sm">
            O status do evento muda de {eventStatusLabel(existing?.status ?? '')} para{' '}
            {eventStatusLabel(values.status)}. Deseja avisar os participantes por e-mail?
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => void save(false)}>
              Não
            </Button>
            <Button onClick={() => void save(true)}>Sim, enviar</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

function eventOption(event: EventSummary): Option {
  return {
    value: event.id,
    label: `${event.code} — ${event.description} (${formatEventRange(event.startsAt, event.endsAt)})`,
  }
}

function clientOrgOption(org: { id: string; name: string; document: string }): Option {
  return { value: org.id, label: `${org.name} — ${org.document}` }
}

function ResponsibleSelect({ form, fallbackLabel }: { form: EventForm; fallbackLabel: string | null }) {
  const staff = useApiQuery<Paged<Staff>>('/staff', { pageSize: 100, isActive: 'true' })
  const value = form.getValues().responsibleUserId
  const data = (staff.data?.items ?? []).map((s) => ({ value: s.userId ?? s.id, label: s.name }))
  if (value && fallbackLabel && !data.some((o) => o.value === value))
    data.unshift({ value, label: fallbackLabel })
  return (
    <Select
      label="Responsável"
      description="Opcional: quando informado, só ele e os administradores podem alterar."
      // The hint goes under the field, so it lines up with Tipo and Status beside it.
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder={staff.loading ? 'Carregando…' : 'Ninguém em especial'}
      searchable
      clearable
      nothingFoundMessage="Ninguém encontrado"
      data={data}
      {...form.getInputProps('responsibleUserId')}
    />
  )
}

function DateTimeFields({ form, which }: { form: EventForm; which: 'start' | 'end' }) {
  const word = which === 'start' ? 'início' : 'término'
  const dateKey = which === 'start' ? 'startDate' : 'endDate'
  const timeKey = which === 'start' ? 'startTime' : 'endTime'
  return (
    <>
      <Grid.Col span={{ base: 7, sm: 3.5 }}>
        <DateInput
          label={`Data de ${word}`}
          required
          withAsterisk={false}
          placeholder="dd/mm/aaaa"
          valueFormat="DD/MM/YYYY"
          dateParser={parseBrazilianDate}
          leftSection={<IconCalendar size={16} />}
          {...form.getInputProps(dateKey)}
          onChange={(value) => {
            form.setFieldValue(dateKey, value)
            // Most events end on the day they start.
            if (which === 'start' && value && !form.getValues().endDate) form.setFieldValue('endDate', value)
          }}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 5, sm: 2.5 }}>
        <TextInput
          label={`Hora de ${word}`}
          required
          placeholder="hh:mm"
          inputMode="numeric"
          maxLength={5}
          {...form.getInputProps(timeKey)}
          onChange={(e) => form.setFieldValue(timeKey, maskTime(e.currentTarget.value))}
        />
      </Grid.Col>
    </>
  )
}

function applyServerErrors(form: EventForm, error: unknown): string[] {
  if (!(error instanceof ApiError)) return []
  const known = form.getValues()
  const leftovers: string[] = []
  for (const [path, message] of Object.entries(error.fields)) {
    const target = SERVER_FIELD_MAP[path] ?? path
    if (target in known) form.setFieldError(target, message)
    else leftovers.push(message)
  }
  return leftovers
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
      <Title order={2} fz="h4" mb={description ? 2 : 'sm'}>
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
