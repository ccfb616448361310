import {
  Alert,
  Box,
  Button,
  Code,
  Grid,
  Group,
  LoadingOverlay,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconDeviceFloppy, IconFileText, IconPencil, IconPlus } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { formatDateTime } from '../../../shared/format.ts'
import { ApiError, api } from '../../shared/api.ts'
import { applyFieldErrors, notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import classes from './plans.module.css'
import type { ContractPlaceholder, ContractTemplate, ContractTemplateList } from './plans.types.ts'

type Editing = { kind: 'new' } | { kind: 'edit'; template: ContractTemplate } | null

/** "Modelos de contrato": the list, and the editor with the placeholders on the side. */
export function ContractTemplatesPanel() {
  const templates = useApiQuery<ContractTemplateList>('/contract-templates')
  const [editing, setEditing] = useState<Editing>(null)
  const items = templates.data?.items ?? []

  if (editing) {
    return (
      <TemplateEditor
        key={editing.kind === 'edit' ? editing.template.id : 'new'}
        template={editing.kind === 'edit' ? editing.template : null}
        placeholders={templates.data?.placeholders ?? []}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          void templates.reload()
        }}
      />
    )
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Modelos de contrato">
      <Group justify="space-between" mb="sm" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 320px' }}>
          <Title order={2} fz="h4">
            Modelos de contrato
          </Title>
          <Text size="sm" c="dimmed">
            O texto impresso no contrato do plano, com campos como {'{{cliente.nome}}'} preenchidos com os
            dados do cliente.
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'new' })}>
          Novo modelo
        </Button>
      </Group>
      {templates.error ? <LoadError error={templates.error} onRetry={() => void templates.reload()} /> : null}
      <Box pos="relative" mih={80}>
        <LoadingOverlay visible={templates.loading && !templates.data} zIndex={1} />
        {templates.data && items.length === 0 ? (
          <EmptyState
            icon={<IconFileText size={28} stroke={1.5} />}
            title="Nenhum modelo de contrato"
            description="Escreva o contrato uma vez e use-o ao cadastrar o contrato do plano de cada cliente."
          />
        ) : null}
        {items.length > 0 ? (
          <Table aria-label="Modelos de contrato">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nome</Table.Th>
                <Table.Th w={180}>Alterado em</Table.Th>
                <Table.Th w={100}>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {template.name}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {template.body.slice(0, 200)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(template.updatedAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      size="xs"
                      leftSection={<IconPencil size={14} />}
                      onClick={() => setEditing({ kind: 'edit', template })}
                      aria-label={`Editar ${template.name}`}
                    >
                      Editar
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Box>
    </Paper>
  )
}

interface TemplateEditorProps {
  template: ContractTemplate | null
  placeholders: ContractPlaceholder[]
  onClose: () => void
  onSaved: () => void
}

function TemplateEditor({ template, placeholders, onClose, onSaved }: TemplateEditorProps) {
  const [saving, setSaving] = useState(false)
  const [serverError, setServerError] = useState<string | null>(null)
  const bodyRef = useRef<HTMLTextAreaElement>(null)
  const form = useForm({
    initialValues: { name: template?.name ?? '', body: template?.body ?? '' },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : 'Informe o nome do modelo.'),
      body: (value) => (value.trim().length >= 20 ? null : 'Escreva o texto do contrato.'),
    },
  })

  /** Inserts `{{key}}` where the cursor is (or at the end) and puts the cursor after it. */
  function insert(key: string) {
    const text = `{{${key}}}`
    const area = bodyRef.current
    const body = form.getValues().body
    const start = area?.selectionStart ?? body.length
    const end = area?.selectionEnd ?? body.length
    form.setFieldValue('body', body.slice(0, start) + text + body.slice(end))
    requestAnimationFrame(() => {
      if (!area) return
      area.focus()
      area.setSelectionRange(start + text.length, start + text.length)
    })
  }

  async function submit(values: { name: string; body: string }) {
    setSaving(true)
    setServerError(null)
    const body = { name: values.name.trim(), body: values.body }
    try {
      if (template) await api.patch(`/contract-templates/${template.id}`, body)
      else await api.post('/contract-templates', body)
      notifySuccess(template ? 'Modelo de contrato salvo.' : `Modelo ${body.name} criado.`)
      onSaved()
    } catch (error) {
      if (error instanceof ApiError) {
        const leftovers = applyFieldErrors(form, error)
        const invalid = error.code === 'TEMPLATE_INVALID' && !error.fields.body
        const duplicate = error.code === 'TEMPLATE_DUPLICATE' && !error.fields.name
        if (invalid) form.setFieldError('body', error.message)
        if (duplicate) form.setFieldError('name', error.message)
        // A message that has its field shows under it; the alert keeps what has no field.
        const onField = invalid || duplicate || Object.keys(error.fields).length > leftovers.length
        setServerError(onField ? leftovers.join(' ') || null : [error.message, ...leftovers].join(' '))
      } else {
        notifyError(error, 'Não foi possível salvar o modelo')
      }
    } finally {
      setSaving(false)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Editor de modelo de contrato">
      <Title order={2} fz="h4" mb="md">
        {template ? `Editar modelo: ${template.name}` : 'Novo modelo de contrato'}
      </Title>
      <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              <TextInput
                label="Nome do modelo"
                placeholder="Ex.: Contrato de prestação de serviços"
                required
                autoComplete="off"
                {...form.getInputProps('name')}
              />
              <Textarea
                ref={bodyRef}
                label="Texto do contrato"
                description="Clique num campo da lista ao lado para inseri-lo onde está o cursor."
                required
                autosize
                minRows={16}
                maxRows={30}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                {...form.getInputProps('body')}
              />
              {serverError ? (
                <Alert
                  color="red"
                  icon={<IconAlertTriangle size={18} />}
                  title="O modelo não foi salvo"
                  role="alert"
                >
                  {serverError}
                </Alert>
              ) : null}
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={onClose} disabled={saving}>
                  Cancelar
                </Button>
                <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />}>
                  Salvar modelo
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder radius="md" p="xs" bg="var(--mantine-color-gray-0)">
              <Text size="sm" fw={600} px={4} id="placeholders-title">
                Campos disponíveis
              </Text>
              <Text size="xs" c="dimmed" px={4} mb={6}>
                Só estes campos são aceitos; o exemplo mostra como aparecem no contrato.
              </Text>
              <ScrollArea.Autosize mah={520} type="auto" offsetScrollbars>
                <Stack gap={2} role="list" aria-labelledby="placeholders-title">
                  {placeholders.map((p) => (
                    <div role="listitem" key={p.key}>
                      <UnstyledButton
                        w="100%"
                        onClick={() => insert(p.key)}
                        p={6}
                        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                        className={classes.selectable}
                        aria-label={`Inserir ${p.label}`}
                      >
                        <Code fz={12} c="brand.8" bg="transparent" p={0}>
                          {`{{${p.key}}}`}
                        </Code>
                        <Text size="xs">{p.label}</Text>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          Ex.: {p.example}
                        </Text>
                      </UnstyledButton>
                    </div>
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            </Paper>
          </Grid.Col>
        </Grid>
      </form>
    </Paper>
  )
}
