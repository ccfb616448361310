import {
  Badge,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  LoadingOverlay,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFileSpreadsheet, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { formatDateTime, formatNumber } from '../../../shared/format.ts'
import { api } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PaginationBar } from '../../shared/ui/pagination-bar.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { useDownload } from '../../shared/use-download.ts'
import { AddParticipantModal } from './add-participant-modal.tsx'
import { CertificateCell } from './certificate-cell.tsx'
import { REGISTRATION_STATUS_COLORS, REGISTRATION_STATUS_LABELS } from './events.labels.ts'
import type { EventDetail, Registration, RegistrationStatus } from './events.types.ts'

const PAGE_SIZE = 50

interface Props {
  event: EventDetail
  /** Changes when the page wants the list reloaded (after an action in the header). */
  refreshKey: number
  onChanged: () => Promise<void>
}

/** The "Participantes" tab: registrations with attendance and certificates. */
export function EventParticipants({ event, refreshKey, onChanged }: Props) {
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [status, setStatus] = useState('')
  const [page, setPage] = useState(1)
  const [adding, setAdding] = useState(false)
  const { busy: exporting, download } = useDownload()
  const [cancelling, setCancelling] = useState<Registration | null>(null)
  const list = useApiQuery<Paged<Registration>>(`/events/${event.id}/registrations`, {
    search: debouncedSearch,
    status,
    page,
    pageSize: PAGE_SIZE,
  })
  const { reload } = list
  const items = list.data?.items ?? []
  const filtered = Boolean(debouncedSearch || status)

  useEffect(() => {
    if (refreshKey > 0) void reload()
  }, [refreshKey, reload])

  /** The sheet holds the participants the list shows: the same search and status, every page. */
  function exportAs(ext: 'csv' | 'xlsx') {
    return download(`/events/${event.id}/attendance.${ext}`, { search: debouncedSearch, status })
  }

  async function changed() {
    await Promise.all([list.reload(), onChanged()])
  }

  async function cancelRegistration(registration: Registration) {
    await api.post<Registration>(`/events/${event.id}/registrations/${registration.id}/cancel`)
    notifySuccess(`Inscrição de ${registration.name} cancelada.`)
    await changed()
  }

  return (
    <Paper withBorder p="md">
      <Group justify="flex-end" gap="xs" mb="sm">
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          loading={exporting}
          onClick={() => void exportAs('xlsx')}
        >
          Exportar presença (.xlsx)
        </Button>
        <Button
          variant="default"
          aria-label="Exportar presença (.csv)"
          disabled={exporting}
          onClick={() => void exportAs('csv')}
        >
          (.csv)
        </Button>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
          Adicionar participante
        </Button>
      </Group>
      <Grid gap="sm" mb="md">
        <Grid.Col span={{ base: 12, sm: 8, md: 6 }}>
          <TextInput
            label="Buscar participante"
            placeholder="Nome ou e-mail"
            type="search"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value)
              setPage(1)
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
          <NativeSelect
            label="Situação"
            data={[
              { value: '', label: 'Todas' },
              ...(Object.keys(REGISTRATION_STATUS_LABELS) as RegistrationStatus[]).map((value) => ({
                value,
                label: REGISTRATION_STATUS_LABELS[value],
              })),
            ]}
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value)
              setPage(1)
            }}
          />
        </Grid.Col>
      </Grid>

      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      <Box pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
        {list.data && items.length === 0 ? (
          <EmptyState
            icon={<IconUsers size={28} stroke={1.5} />}
            title={filtered ? 'Nenhum participante encontrado' : 'Nenhum participante ainda'}
            description={
              filtered
                ? 'Ninguém corresponde à busca e à situação escolhidas.'
                : 'As inscrições feitas pelo portal, pela página pública ou pela equipe aparecem aqui.'
            }
          />
        ) : null}
        {items.length > 0 ? (
          <Table.ScrollContainer minWidth={1000}>
            <Table aria-label="Participantes" aria-busy={list.loading} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={260}>Participante</Table.Th>
                  <Table.Th w={124}>CPF</Table.Th>
                  <Table.Th w={140}>Empresa</Table.Th>
                  <Table.Th w={124}>Situação</Table.Th>
                  <Table.Th w={132}>Presença</Table.Th>
                  <Table.Th w={156}>Certificado</Table.Th>
                  <Table.Th w={84}>
                    <VisuallyHidden>Ações</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <RegistrationRow
                    key={r.id}
                    eventId={event.id}
                    registration={r}
                    onChanged={changed}
                    onCancel={() => setCancelling(r)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Box>
      {list.data ? (
        <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} />
      ) : null}

      <AddParticipantModal
        opened={adding}
        eventId={event.id}
        onClose={() => setAdding(false)}
        onAdded={() => void changed()}
      />
      <ConfirmModal
        opened={cancelling !== null}
        title="Cancelar inscrição"
        confirmLabel="Cancelar inscrição"
        cancelLabel="Voltar"
        color="red"
        onConfirm={() => (cancelling ? cancelRegistration(cancelling) : Promise.resolve())}
        onClose={() => setCancelling(null)}
      >
        {cancelling
          ? `Cancelar a inscrição de ${cancelling.name}? A vaga passa para o próximo da lista de espera.`
          : ''}
      </ConfirmModal>
    </Paper>
  )
}

interface RowProps {
  eventId: string
  registration: Registration
  onChanged: () => Promise<void>
  onCancel: () => void
}

function RegistrationRow({ eventId, registration: r, onChanged, onCancel }: RowProps) {
  const [marking, setMarking] = useState(false)
  const cancelled = r.status === 'cancelado'

  async function toggleAttendance(present: boolean) {
    setMarking(true)
    try {
      await api.post<Registration>(`/events/${eventId}/registrations/${r.id}/attendance`, { present })
      notifySuccess(present ? `Presença de ${r.name} registrada.` : `Presença de ${r.name} retirada.`)
      await onChanged()
    } catch (error) {
      notifyError(error, 'Não foi possível registrar a presença')
    } finally {
      setMarking(false)
    }
  }

  return (
    <Table.Tr c={cancelled ? 'dimmed' : undefined}>
      <Table.Td style={{ minWidth: 180 }}>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {r.name}
        </Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {r.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {r.cpfMasked ? (
          <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {r.cpfMasked}
          </Text>
        ) : (
          <Badge size="sm" variant="light" color="orange">
            sem CPF
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text
          size="sm"
          lineClamp={2}
          c={r.clientOrgName ? undefined : 'dimmed'}
          title={r.clientOrgName ?? undefined}
        >
          {r.clientOrgName ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <Badge
            variant="light"
            color={REGISTRATION_STATUS_COLORS[r.status]}
            style={{ minWidth: 'max-content' }}
          >
            {REGISTRATION_STATUS_LABELS[r.status]}
          </Badge>
          {r.waitlistPosition !== null ? (
            <Text size="xs" c="dimmed">
              {formatNumber(r.waitlistPosition)}º na fila
            </Text>
          ) : null}
          {r.viaMain ? (
            <Tooltip label="Inscrição feita no evento principal">
              <Badge size="xs" variant="outline" color="gray">
                via principal
              </Badge>
            </Tooltip>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Checkbox
          label={r.attendedAt ? 'Presente' : 'Ausente'}
          aria-label={`Presença de ${r.name}`}
          checked={r.attendedAt !== null}
          disabled={cancelled || marking}
          onChange={(e) => void toggleAttendance(e.currentTarget.checked)}
        />
        {r.attendedAt ? (
          <Text size="xs" c="dimmed" mt={2}>
            {formatDateTime(r.attendedAt)}
            {r.attendanceSource === 'link'
              ? ' · pelo link'
              : r.attendanceSource === 'manual'
                ? ' · manual'
                : ''}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <CertificateCell registration={r} onChanged={onChanged} />
      </Table.Td>
      <Table.Td>
        {cancelled ? null : (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            onClick={onCancel}
            aria-label={`Cancelar inscrição de ${r.name}`}
          >
            Cancelar
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  )
}
