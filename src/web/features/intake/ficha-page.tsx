import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  LoadingOverlay,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core'
import {
  IconAlertCircle,
  IconArrowLeft,
  IconCheck,
  IconHistory,
  IconUserPlus,
  IconX,
} from '@tabler/icons-react'
import { notifications } from '@mantine/notifications'
import { type ReactNode, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { formatDate, formatDateTime } from '../../../shared/format.ts'
import { api, errorMessage, isApiError } from '../../shared/api.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { ConfirmModal } from '../../shared/ui/confirm-modal.tsx'
import { notifyError } from '../../shared/ui/errors.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { NotFoundContent } from '../../shared/ui/status-pages.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { Attachments } from './attachments-section.tsx'
import { DueBadge } from './due-badge.tsx'
import { ACTION_LABELS, checklistLines, STATUS_COLORS, statusLabel } from './intake.labels.ts'
import type { FichaDetail, FichaStatus, TransitionBody } from './intake.types.ts'
import { ForwardModal, NoteModal, ReturnModal } from './transition-modals.tsx'

/** Steps that ask for a note before moving (the others move at once). */
const NOTE_STEPS: Partial<Record<FichaStatus, { title: string; description: string; color?: string }>> = {
  arquivada: {
    title: 'Arquivar ficha',
    description: 'A ficha sai do quadro e continua disponível na busca, com todo o histórico.',
    color: 'gray',
  },
  cadastrada: {
    title: 'Marcar como cadastrada',
    description:
      'Confirme que o cadastro desta ficha está concluído (unidade treinada). Convites ainda agendados são enviados em “Usuários de clientes”.',
  },
  aguardando_treinamento: {
    title: 'Aguardar treinamento',
    description:
      'A unidade ainda não foi treinada: os convites dos usuários saem depois que a presença no treinamento for registrada.',
  },
  recebida: { title: 'Voltar para recebida', description: 'A ficha volta para a fila de conferência.' },
}

/** `/fichas/:id`: the ficha's data, checklist, next steps and history. */
export function FichaPage() {
  const { id = '' } = useParams()
  const query = useApiQuery<FichaDetail>(`/fichas/${id}`)
  // The transition answers with the updated ficha: show it at once.
  const [updated, setUpdated] = useState<FichaDetail | null>(null)
  const ficha = updated && updated.id === id ? updated : query.data
  const [dialog, setDialog] = useState<FichaStatus | null>(null)
  const [busy, setBusy] = useState<FichaStatus | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [registering, setRegistering] = useState(false)
  // The note of the registration ("Cliente criado… convites aguardam o treinamento"), shown once done.
  const [registeredNote, setRegistered] = useState<{ id: string; note: string | null } | null>(null)
  const registered = registeredNote?.id === id ? registeredNote.note : null
  const { can } = useSession()
  // One toast for the last step: steps done in a row replace it instead of piling up over the page.
  const stepToast = useRef<string | null>(null)
  const canRegister = can(PERMISSIONS.clientsManage) && can(PERMISSIONS.usersManage)

  if (query.error && (query.error.status === 404 || query.error.status === 400)) return <NotFoundContent />
  if (query.error && !ficha) return <LoadError error={query.error} onRetry={() => void query.reload()} />
  if (!ficha) {
    return (
      <Box pos="relative" mih={240}>
        <LoadingOverlay visible zIndex={1} overlayProps={{ blur: 1 }} />
      </Box>
    )
  }

  function notifyStep(message: string) {
    if (stepToast.current) notifications.hide(stepToast.current)
    stepToast.current = notifications.show({ color: 'teal', message, autoClose: 5000 })
  }

  async function transition(body: TransitionBody) {
    const next = await api.post<FichaDetail>(`/fichas/${id}/transition`, body)
    setUpdated(next)
    setRefusal(null)
    notifyStep(`Ficha ${next.protocol}: ${next.statusLabel}.`)
  }

  /** "Cadastrar": creates (or reuses by CNPJ) the client and creates the ficha's users. */
  async function register() {
    try {
      const next = await api.post<FichaDetail>(`/fichas/${id}/register`)
      setUpdated(next)
      setRefusal(null)
      const event = [...next.events].reverse().find((e) => e.fromStatus === 'encaminhada')
      setRegistered({ id: next.id, note: event?.note ?? null })
      notifyStep(`Ficha ${next.protocol}: ${next.statusLabel}.`)
    } catch (error) {
      // Missing organisation name or CNPJ: the refusal stays next to the buttons, like "Completa".
      if (!isApiError(error, 'FICHA_INCOMPLETE')) throw error
      setRefusal(errorMessage(error))
    }
  }

  async function act(to: FichaStatus) {
    if (to === 'devolvida' || to === 'encaminhada' || NOTE_STEPS[to]) {
      setDialog(to)
      return
    }
    setBusy(to)
    try {
      await transition({ to })
    } catch (error) {
      // The refusal stays on the page, next to the buttons (no toast repeating it).
      if (isApiError(error, 'FICHA_INCOMPLETE')) setRefusal(errorMessage(error))
      else notifyError(error, 'Não foi possível mudar a situação')
    } finally {
      setBusy(null)
    }
  }

  const data = ficha.data
  const lines = checklistLines(data, ficha.checklistMissing)
  const noteStep = dialog ? NOTE_STEPS[dialog] : undefined

  return (
    <>
      <Anchor
        component={Link}
        to="/fichas"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> Fichas cadastrais
      </Anchor>
      <PageHeader
        title={`Ficha ${ficha.protocol}`}
        description={ficha.organizationName ?? 'Órgão ou entidade não informado'}
      />
      <Group gap="sm" mb="lg" mt={-8} wrap="wrap">
        <Badge size="lg" variant="light" color={STATUS_COLORS[ficha.status]} data-testid="ficha-status">
          {ficha.statusLabel}
        </Badge>
        {ficha.dueOn ? (
          <Text size="sm">
            Prazo: <strong>{formatDate(ficha.dueOn)}</strong>
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Sem prazo nesta etapa
          </Text>
        )}
        <DueBadge ficha={ficha} size="md" />
        <Text size="sm" c="dimmed">
          · Desde {formatDateTime(ficha.statusChangedAt)} · Com: {ficha.holderName ?? 'ninguém ainda'}
        </Text>
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Section title="Órgão / entidade">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Field label="Nome" value={data.organization?.name} />
                <Field label="CNPJ" value={ficha.organizationDocument ?? data.organization?.document} />
              </SimpleGrid>
            </Section>
            <Section title="Unidade">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Field label="Nome" value={data.unit?.name} />
                <Field label="Endereço" value={data.unit?.address} />
              </SimpleGrid>
            </Section>
            <Section title="Responsável">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Field label="Nome" value={data.responsible?.name} />
                <Field label="Cargo" value={data.responsible?.role} />
                <Field label="E-mail" value={data.responsible?.email} />
                <Field label="Telefone" value={data.responsible?.phone} />
                <Field label="CPF" value={data.responsible?.cpf} />
              </SimpleGrid>
            </Section>
            <Section title="Usuários a cadastrar">
              {(data.users ?? []).length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nenhum usuário informado.
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={560}>
                  <Table aria-label="Usuários a cadastrar" striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Nome</Table.Th>
                        <Table.Th>E-mail</Table.Th>
                        <Table.Th>CPF</Table.Th>
                        <Table.Th>Perfil</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(data.users ?? []).map((u, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                        <Table.Tr key={index}>
                          <Table.Td>{u.name || <Empty />}</Table.Td>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>{u.email || <Empty />}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{u.cpf || <Empty />}</Table.Td>
                          <Table.Td>{u.profile || <Empty />}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Section>
            <Section title="Contatos">
              {(data.contacts ?? []).length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nenhum contato informado.
                </Text>
              ) : (
                <Table aria-label="Contatos">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Nome</Table.Th>
                      <Table.Th>E-mail</Table.Th>
                      <Table.Th>Telefone</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(data.contacts ?? []).map((c, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
                      <Table.Tr key={index}>
                        <Table.Td>{c.name || <Empty />}</Table.Td>
                        <Table.Td>{c.email || <Empty />}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.phone || <Empty />}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>
            <Section title="Observações">
              {data.notes ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {data.notes}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  Nenhuma observação.
                </Text>
              )}
            </Section>
            <Section title="Remetente">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Field label="Nome" value={ficha.senderName} />
                <Field label="E-mail" value={ficha.senderEmail} />
                <Field
                  label="Recebida"
                  value={`${formatDateTime(ficha.createdAt)} · ${ficha.source === 'public' ? 'formulário público' : 'registrada pela equipe'}`}
                />
              </SimpleGrid>
            </Section>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Section title="Ações">
              {refusal ? (
                <Alert
                  color="red"
                  icon={<IconAlertCircle size={18} />}
                  role="alert"
                  mb="sm"
                  title="Ficha incompleta"
                >
                  {refusal}
                </Alert>
              ) : null}
              {registered ? (
                <Alert
                  color="teal"
                  icon={<IconCheck size={18} />}
                  mb="sm"
                  title="Cadastro feito"
                  data-testid="ficha-registered"
                >
                  {registered}
                </Alert>
              ) : null}
              {ficha.nextStatuses.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nenhuma ação: a ficha está arquivada.
                </Text>
              ) : (
                <Stack gap="xs">
                  {ficha.status === 'encaminhada' && canRegister ? (
                    <Button
                      leftSection={<IconUserPlus size={18} />}
                      disabled={busy !== null}
                      onClick={() => setRegistering(true)}
                      fullWidth
                      title="Criar o cliente e os usuários desta ficha"
                    >
                      Cadastrar
                    </Button>
                  ) : null}
                  {ficha.nextStatuses.map((next) => (
                    <Button
                      key={next.status}
                      variant={
                        next.status === 'arquivada'
                          ? 'default'
                          : next.status === 'devolvida'
                            ? 'light'
                            : 'filled'
                      }
                      color={next.status === 'devolvida' ? 'orange' : undefined}
                      loading={busy === next.status}
                      disabled={busy !== null && busy !== next.status}
                      onClick={() => void act(next.status)}
                      fullWidth
                      title={`Passar para “${next.label}”`}
                    >
                      {ACTION_LABELS[next.status] ?? next.label}
                    </Button>
                  ))}
                </Stack>
              )}
            </Section>

            <Section title="Checklist">
              {ficha.checklistMissing.length === 0 ? (
                <Text size="sm" c="teal.8" fw={500} mb="xs">
                  Todos os itens exigidos estão preenchidos.
                </Text>
              ) : (
                <Text size="sm" c="red.8" fw={500} mb="xs">
                  {ficha.checklistMissing.length === 1
                    ? 'Falta 1 item exigido.'
                    : `Faltam ${ficha.checklistMissing.length} itens exigidos.`}
                </Text>
              )}
              <List spacing={6} size="sm" center aria-label="Checklist">
                {lines.map((line) => (
                  <List.Item
                    key={line.label}
                    data-ok={line.ok}
                    icon={
                      <ThemeIcon size={20} radius="xl" color={line.ok ? 'teal' : 'red'} variant="light">
                        {line.ok ? <IconCheck size={14} /> : <IconX size={14} />}
                      </ThemeIcon>
                    }
                  >
                    <Text span size="sm">
                      <Text span style={srOnly}>
                        {line.ok ? 'Preenchido: ' : 'Falta: '}
                      </Text>
                      {line.label}
                    </Text>
                  </List.Item>
                ))}
              </List>
              {ficha.status === 'devolvida' && ficha.missing.length > 0 ? (
                <Stack gap={4} mt="md">
                  <Text size="sm" fw={600}>
                    Pedido ao remetente na devolução
                  </Text>
                  <List size="sm" spacing={2}>
                    {ficha.missing.map((item) => (
                      <List.Item key={item}>{item}</List.Item>
                    ))}
                  </List>
                </Stack>
              ) : null}
            </Section>

            <Section title="Anexos">
              <Attachments ficha={ficha} onUploaded={setUpdated} />
            </Section>

            <Section title="Histórico" icon={<IconHistory size={18} />}>
              <Timeline bulletSize={14} lineWidth={2} active={ficha.events.length - 1}>
                {ficha.events.map((event) => (
                  <Timeline.Item
                    key={`${event.createdAt}-${event.toStatus}`}
                    title={
                      <Text size="sm" fw={600}>
                        {event.fromStatus
                          ? `${statusLabel(event.fromStatus)} → ${statusLabel(event.toStatus)}`
                          : statusLabel(event.toStatus)}
                      </Text>
                    }
                  >
                    <Text size="xs" c="dimmed">
                      {formatDateTime(event.createdAt)} · {event.actorName}
                    </Text>
                    {event.note ? (
                      <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                        {event.note}
                      </Text>
                    ) : null}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>

      <ReturnModal
        ficha={ficha}
        opened={dialog === 'devolvida'}
        onClose={() => setDialog(null)}
        onSubmit={transition}
      />
      <ForwardModal
        ficha={ficha}
        opened={dialog === 'encaminhada'}
        onClose={() => setDialog(null)}
        onSubmit={transition}
      />
      <ConfirmModal
        opened={registering}
        title="Cadastrar cliente e usuários"
        confirmLabel="Cadastrar"
        onConfirm={register}
        onClose={() => setRegistering(false)}
      >
        <RegisterSummary ficha={ficha} />
      </ConfirmModal>
      <NoteModal
        ficha={ficha}
        opened={Boolean(noteStep)}
        to={dialog ?? 'arquivada'}
        title={noteStep?.title ?? ''}
        description={noteStep?.description ?? ''}
        confirmLabel="Confirmar"
        color={noteStep?.color}
        onClose={() => setDialog(null)}
        onSubmit={transition}
      />
    </>
  )
}

/** What "Cadastrar" will do, in the confirmation dialog. */
function RegisterSummary({ ficha }: { ficha: FichaDetail }) {
  const users = (ficha.data.users ?? []).filter((u) => u.name?.trim() && u.email?.trim())
  const org = ficha.organizationName ?? 'o órgão da ficha'
  const document = ficha.organizationDocument ? ` (CNPJ ${ficha.organizationDocument})` : ''
  return (
    <Stack gap="sm">
      <Text size="sm">
        Cria o cliente <strong>{org}</strong>
        {document} — ou usa o que já existe com esse CNPJ — e cadastra{' '}
        {users.length === 1 ? 'o usuário da ficha' : `os ${users.length} usuários da ficha`} nele:
      </Text>
      {users.length > 0 ? (
        <List size="sm" spacing={2}>
          {users.map((u) => (
            <List.Item key={u.email}>
              {u.name} ({u.email})
            </List.Item>
          ))}
        </List>
      ) : null}
      <Text size="sm">
        Se a unidade já foi treinada, os convites de acesso saem na hora e a ficha fica “Cadastrada”. Se a
        unidade nunca foi treinada, os convites ficam agendados até o treinamento e a ficha passa para
        “Aguardando treinamento”.
      </Text>
      <Text size="sm" c="dimmed">
        Usuários cujo e-mail já está cadastrado não são duplicados.
      </Text>
    </Stack>
  )
}

const srOnly = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const

function Section({ title, icon, children }: { title: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Group gap={6} mb="sm">
        {icon}
        <Title order={2} fz="h4">
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  )
}

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {value ? <Text size="sm">{value}</Text> : <Empty />}
    </Stack>
  )
}

function Empty() {
  return (
    <Text span size="sm" c="dimmed">
      Não informado
    </Text>
  )
}
