import {
  Alert,
  Badge,
  Box,
  Button,
  CopyButton,
  Group,
  LoadingOverlay,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconCheck, IconCopy, IconFilePlus, IconFileText, IconLink, IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { formatDate, formatNumber } from '../../../shared/format.ts'
import type { Paged } from '../../shared/paged.ts'
import { useUser } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { ExportButtons } from '../imports/export-buttons.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { DueBadge } from './due-badge.tsx'
import { BOARD_COLUMNS, STATUS_COLORS, STATUS_LABELS } from './intake.labels.ts'
import type { FichaStatus, FichaSummary } from './intake.types.ts'

/** The board loads one page of up to 200 fichas (the API's maximum) and groups them by state. */
const BOARD_SIZE = 200

/** `/fichas`: the fichas by state, with deadlines, the archive search and the public form's link. */
export function FichasBoardPage() {
  const [search, setSearch] = useState('')
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300)
  const [overdue, setOverdue] = useState(false)
  const [linkOpen, setLinkOpen] = useState(false)

  const list = useApiQuery<Paged<FichaSummary>>('/fichas', {
    search: debouncedSearch,
    overdue: overdue ? 'true' : undefined,
    page: 1,
    pageSize: BOARD_SIZE,
  })
  const items = list.data?.items ?? []
  const filtered = Boolean(debouncedSearch) || overdue
  // A search also reaches the archive: archived fichas then get a column of their own. While
  // searching or filtering, only the columns with results are shown (nothing hides off-screen).
  const allColumns: FichaStatus[] = [...BOARD_COLUMNS, 'arquivada']
  const columns = filtered
    ? allColumns.filter((status) => items.some((f) => f.status === status))
    : BOARD_COLUMNS
  const late = items.filter((f) => f.due === 'atrasado').length

  return (
    <>
      <PageHeader
        title="Fichas cadastrais"
        description="Fichas recebidas pelo formulário público ou registradas pela equipe, da conferência ao cadastro, com os prazos de cada etapa."
        actions={
          <>
            <ExportButtons
              list="fichas"
              params={{ search: debouncedSearch, overdue: overdue ? 'true' : undefined }}
            />
            <Button variant="default" leftSection={<IconLink size={18} />} onClick={() => setLinkOpen(true)}>
              Link do formulário público
            </Button>
            <Button component={Link} to="/fichas/nova" leftSection={<IconFilePlus size={18} />}>
              Nova ficha
            </Button>
          </>
        }
      />

      <Paper withBorder p="md" mb="md">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <TextInput
            label="Buscar"
            placeholder="Órgão, CNPJ, pessoa ou protocolo"
            description="A busca inclui as fichas arquivadas."
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
            w={420}
            maw="100%"
          />
          <Switch
            label="Somente atrasadas"
            checked={overdue}
            onChange={(event) => setOverdue(event.currentTarget.checked)}
            mb={26}
          />
          {list.data ? (
            <Text size="sm" c="dimmed" mb={26} aria-live="polite">
              {summaryText(list.data.total, late, filtered)}
            </Text>
          ) : null}
        </Group>
      </Paper>

      {list.error ? <LoadError error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && list.data.total > items.length ? (
        <Alert color="yellow" mb="md">
          Mostrando {formatNumber(items.length)} de {formatNumber(list.data.total)} fichas. Use a busca para
          encontrar as demais.
        </Alert>
      ) : null}

      <Box pos="relative" mih={200}>
        <LoadingOverlay visible={list.loading && !list.data} zIndex={1} overlayProps={{ blur: 1 }} />
        {list.data && items.length === 0 && filtered ? (
          <Paper withBorder p="md">
            <EmptyState
              icon={<IconFileText size={28} stroke={1.5} />}
              title="Nenhuma ficha encontrada"
              description={
                debouncedSearch
                  ? `Nenhuma ficha, nem no arquivo, corresponde a “${debouncedSearch}”${overdue ? ' entre as atrasadas' : ''}.`
                  : 'Nenhuma ficha está atrasada.'
              }
            />
          </Paper>
        ) : (
          // Remounted when the set of columns changes: Mantine keeps a stale horizontal scrollbar
          // when a search or "Somente atrasadas" shrinks the board to fewer columns.
          <ScrollArea key={columns.join(',')} type="auto" offsetScrollbars>
            <Group align="flex-start" gap="sm" wrap="nowrap" pb="sm" aria-busy={list.loading}>
              {columns.map((status) => (
                <BoardColumn
                  key={status}
                  status={status}
                  fichas={items.filter((f) => f.status === status)}
                  loaded={Boolean(list.data)}
                />
              ))}
            </Group>
          </ScrollArea>
        )}
      </Box>

      <PublicLinkModal opened={linkOpen} onClose={() => setLinkOpen(false)} />
    </>
  )
}

function summaryText(total: number, late: number, filtered: boolean): string {
  const count = total === 1 ? '1 ficha' : `${formatNumber(total)} fichas`
  if (filtered) return `${count} encontrada${total === 1 ? '' : 's'}`
  if (late === 0) return `${count} em andamento, nenhuma atrasada`
  return `${count} em andamento, ${late === 1 ? '1 atrasada' : `${formatNumber(late)} atrasadas`}`
}

function BoardColumn({
  status,
  fichas,
  loaded,
}: {
  status: FichaStatus
  fichas: FichaSummary[]
  loaded: boolean
}) {
  const headingId = `coluna-${status}`
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      data-status={status}
      withBorder
      p="xs"
      bg="gray.1"
      w={236}
      miw={236}
      radius="md"
    >
      <Group justify="space-between" gap="xs" px={4} mb="xs" wrap="nowrap">
        <Title order={2} fz="sm" id={headingId}>
          {STATUS_LABELS[status]}
        </Title>
        <Badge size="sm" variant="light" color={STATUS_COLORS[status]} aria-label={`${fichas.length} fichas`}>
          {fichas.length}
        </Badge>
      </Group>
      <Stack gap="xs">
        {fichas.map((ficha) => (
          <FichaCard key={ficha.id} ficha={ficha} />
        ))}
        {loaded && fichas.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="md">
            Nenhuma ficha
          </Text>
        ) : null}
      </Stack>
    </Paper>
  )
}

function FichaCard({ ficha }: { ficha: FichaSummary }) {
  return (
    <Paper
      component={Link}
      to={`/fichas/${ficha.id}`}
      withBorder
      p="sm"
      radius="md"
      shadow="xs"
      data-testid="ficha-card"
      aria-label={`Ficha ${ficha.protocol}${ficha.organizationName ? ` — ${ficha.organizationName}` : ''}`}
      style={{
        display: 'block',
        textDecoration: 'none',
        color: 'inherit',
        borderLeft: ficha.due === 'atrasado' ? '4px solid var(--mantine-color-red-6)' : undefined,
      }}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" ff="monospace" fw={600} c="dimmed">
            {ficha.protocol}
          </Text>
          {ficha.source === 'staff' ? (
            <Badge size="xs" variant="outline" color="gray">
              Equipe
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" fw={600} lineClamp={2}>
          {ficha.organizationName ?? 'Órgão não informado'}
        </Text>
        <Text size="xs" c={ficha.organizationDocument ? undefined : 'dimmed'}>
          {ficha.organizationDocument ?? 'Sem CNPJ'}
        </Text>
        <Text size="xs" c="dimmed" truncate title={`${ficha.senderName} <${ficha.senderEmail}>`}>
          Enviada por {ficha.senderName}
        </Text>
        <Text size="xs" truncate>
          Com: {ficha.holderName ?? 'ninguém ainda'}
        </Text>
        {ficha.dueOn || ficha.due ? (
          <Group gap={6} mt={2} wrap="wrap">
            {ficha.dueOn ? (
              <Text size="xs" c="dimmed">
                Prazo {formatDate(ficha.dueOn)}
              </Text>
            ) : null}
            <DueBadge ficha={ficha} />
          </Group>
        ) : null}
      </Stack>
    </Paper>
  )
}

function PublicLinkModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const user = useUser()
  const link = `${window.location.origin}/fichas/enviar/${user.tenant.slug}`
  return (
    <Modal opened={opened} onClose={onClose} title="Link do formulário público" centered size="lg">
      <Stack gap="md">
        <Text size="sm">
          Envie este endereço aos órgãos e entidades: por ele, qualquer pessoa preenche a ficha cadastral sem
          precisar de conta. Cada ficha enviada recebe um protocolo e aparece na coluna “Recebida”.
        </Text>
        <TextInput
          label="Endereço do formulário"
          value={link}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" component="a" href={link} target="_blank" rel="noopener">
            Abrir formulário
          </Button>
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                {copied ? 'Link copiado' : 'Copiar link'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Modal>
  )
}
