import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { randomId } from '@mantine/hooks'
import { useForm } from '@mantine/form'
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import {
  isValidCnpj,
  isValidCpf,
  isValidPhone,
  maskCnpj,
  maskCpf,
  maskPhone,
} from '../../../shared/documents.ts'
import { ApiError } from '../../shared/api.ts'
import type { FichaData } from './intake.types.ts'

/** One row of "Usuários a cadastrar"; `key` only keeps React rows stable. */
export interface UserRow {
  key: string
  name: string
  email: string
  cpf: string
  profile: string
}

export interface ContactRow {
  key: string
  name: string
  email: string
  phone: string
}

/** The form's values: the ficha's content with every field as text, plus who is sending it. */
export interface FichaFormValues {
  senderName: string
  senderEmail: string
  organization: { name: string; document: string }
  unit: { name: string; address: string }
  responsible: { name: string; email: string; phone: string; cpf: string; role: string }
  users: UserRow[]
  contacts: ContactRow[]
  notes: string
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/

export function emptyUser(): UserRow {
  return { key: randomId(), name: '', email: '', cpf: '', profile: '' }
}

export function emptyContact(): ContactRow {
  return { key: randomId(), name: '', email: '', phone: '' }
}

/** Form values from a ficha's data (the correction page prefills the form with what was sent). */
export function valuesFromData(data: FichaData | null | undefined): FichaFormValues {
  const users = (data?.users ?? []).map((u) => ({
    key: randomId(),
    name: u.name ?? '',
    email: u.email ?? '',
    cpf: u.cpf ?? '',
    profile: u.profile ?? '',
  }))
  const contacts = (data?.contacts ?? []).map((c) => ({
    key: randomId(),
    name: c.name ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
  }))
  return {
    senderName: '',
    senderEmail: '',
    organization: { name: data?.organization?.name ?? '', document: data?.organization?.document ?? '' },
    unit: { name: data?.unit?.name ?? '', address: data?.unit?.address ?? '' },
    responsible: {
      name: data?.responsible?.name ?? '',
      email: data?.responsible?.email ?? '',
      phone: data?.responsible?.phone ?? '',
      cpf: data?.responsible?.cpf ?? '',
      role: data?.responsible?.role ?? '',
    },
    users: users.length > 0 ? users : [emptyUser()],
    contacts: contacts.length > 0 ? contacts : [emptyContact()],
    notes: data?.notes ?? '',
  }
}

const hasText = (row: Record<string, string>) =>
  Object.entries(row).some(([key, value]) => key !== 'key' && value.trim() !== '')

/**
 * The API body's `data`, plus where each sent row sits in the form (blank rows are not sent,
 * so the server's `data.users.1.email` may be the form's `users.2.email`).
 */
export function dataFromValues(values: FichaFormValues): {
  data: FichaData
  userRows: number[]
  contactRows: number[]
} {
  const userRows: number[] = []
  const contactRows: number[] = []
  values.users.forEach((row, index) => {
    if (hasText({ ...row })) userRows.push(index)
  })
  values.contacts.forEach((row, index) => {
    if (hasText({ ...row })) contactRows.push(index)
  })
  const t = (s: string) => s.trim()
  return {
    data: {
      organization: { name: t(values.organization.name), document: t(values.organization.document) },
      unit: { name: t(values.unit.name), address: t(values.unit.address) },
      responsible: {
        name: t(values.responsible.name),
        email: t(values.responsible.email),
        phone: t(values.responsible.phone),
        cpf: t(values.responsible.cpf),
        role: t(values.responsible.role),
      },
      users: userRows.map((i) => {
        const u = values.users[i]
        return { name: t(u.name), email: t(u.email), cpf: t(u.cpf), profile: t(u.profile) }
      }),
      contacts: contactRows.map((i) => {
        const c = values.contacts[i]
        return { name: t(c.name), email: t(c.email), phone: t(c.phone) }
      }),
      notes: t(values.notes),
    },
    userRows,
    contactRows,
  }
}

/** Client-side checks: only what is typed must be valid (an incomplete ficha is accepted). */
export function validateFicha(values: FichaFormValues, withSender: boolean): Record<string, string> {
  const errors: Record<string, string> = {}
  const email = (path: string, value: string) => {
    if (value.trim() && !EMAIL_PATTERN.test(value.trim())) errors[path] = 'E-mail inválido.'
  }
  const cpf = (path: string, value: string) => {
    if (value.trim() && !isValidCpf(value)) errors[path] = 'CPF inválido.'
  }
  const phone = (path: string, value: string) => {
    if (value.trim() && !isValidPhone(value)) errors[path] = 'Telefone inválido. Use DDD + número.'
  }
  if (withSender) {
    if (values.senderName.trim().length < 2) errors.senderName = 'Informe o seu nome.'
    if (!values.senderEmail.trim()) errors.senderEmail = 'Informe o seu e-mail.'
    else email('senderEmail', values.senderEmail)
  }
  const doc = values.organization.document
  if (doc.trim() && !isValidCnpj(doc)) {
    errors['organization.document'] = 'CNPJ inválido: confira os dígitos verificadores.'
  }
  email('responsible.email', values.responsible.email)
  phone('responsible.phone', values.responsible.phone)
  cpf('responsible.cpf', values.responsible.cpf)
  values.users.forEach((u, i) => {
    email(`users.${i}.email`, u.email)
    cpf(`users.${i}.cpf`, u.cpf)
  })
  values.contacts.forEach((c, i) => {
    email(`contacts.${i}.email`, c.email)
    phone(`contacts.${i}.phone`, c.phone)
  })
  return errors
}

export function useFichaForm(initialValues: FichaFormValues, withSender: boolean) {
  return useForm<FichaFormValues>({
    initialValues,
    validate: (values) => validateFicha(values, withSender),
  })
}

export type FichaForm = ReturnType<typeof useFichaForm>

/**
 * Puts the server's field errors (`data.responsible.phone`, `data.users.0.email`, `senderEmail`)
 * on the form's fields. Returns the messages that fit no field.
 */
export function applyServerErrors(
  form: FichaForm,
  error: unknown,
  rows: { userRows: number[]; contactRows: number[] },
): string[] {
  if (!(error instanceof ApiError)) return []
  const leftovers: string[] = []
  const errors: Record<string, string> = {}
  for (const [rawPath, message] of Object.entries(error.fields)) {
    let path = rawPath.replace(/^data\./, '')
    const row = /^(users|contacts)\.(\d+)(\..+)?$/.exec(path)
    if (row) {
      const map = row[1] === 'users' ? rows.userRows : rows.contactRows
      const index = map[Number(row[2])]
      path = index === undefined ? row[1] : `${row[1]}.${index}${row[3] ?? ''}`
    }
    if (FIELD_PATHS.test(path)) errors[path] = message
    else leftovers.push(message)
  }
  form.setErrors({ ...form.errors, ...errors })
  return leftovers
}

const FIELD_PATHS =
  /^(senderName|senderEmail|notes|organization\.(name|document)|unit\.(name|address)|responsible\.(name|email|phone|cpf|role)|users\.\d+\.(name|email|cpf|profile)|contacts\.\d+\.(name|email|phone))$/

interface FichaFieldsProps {
  form: FichaForm
  /**
   * Who is sending: `self` on the public form ("Seus dados"), `other` when staff type in a ficha
   * received by e-mail or on paper ("Remetente"), `none` on the correction page.
   */
  sender: 'self' | 'other' | 'none'
  /** Messages of the server that fit no field (shown above the buttons). */
  leftovers?: string[]
  /** The submit button and anything beside it. */
  actions: ReactNode
  /** Shown after "Observações" (the public form's attachment). */
  extra?: ReactNode
}

/** The ficha's sections, shared by the public form, the staff entry and the correction page. */
export function FichaFields({ form, sender, leftovers = [], actions, extra }: FichaFieldsProps) {
  const { values } = form
  return (
    <Stack gap="lg">
      <Fieldset legend="Órgão / entidade" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Nome do órgão ou entidade"
            autoComplete="organization"
            {...form.getInputProps('organization.name')}
          />
          <TextInput
            label="CNPJ"
            placeholder="00.000.000/0000-00"
            autoComplete="off"
            {...form.getInputProps('organization.document')}
            onChange={(event) =>
              form.setFieldValue('organization.document', maskCnpj(event.currentTarget.value))
            }
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Unidade" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Nome da unidade"
            description="Setor ou unidade que vai usar a plataforma."
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            {...form.getInputProps('unit.name')}
          />
          <TextInput
            label="Endereço da unidade"
            autoComplete="street-address"
            {...form.getInputProps('unit.address')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Responsável" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Nome do responsável"
            autoComplete="off"
            {...form.getInputProps('responsible.name')}
          />
          <TextInput
            label="Cargo do responsável"
            autoComplete="off"
            {...form.getInputProps('responsible.role')}
          />
          <TextInput
            label="E-mail do responsável"
            type="email"
            autoComplete="off"
            {...form.getInputProps('responsible.email')}
          />
          <TextInput
            label="Telefone do responsável"
            type="tel"
            placeholder="(27) 99999-9999"
            autoComplete="off"
            {...form.getInputProps('responsible.phone')}
            onChange={(event) =>
              form.setFieldValue('responsible.phone', maskPhone(event.currentTarget.value))
            }
          />
          <TextInput
            label="CPF do responsável"
            inputMode="numeric"
            placeholder="000.000.000-00"
            autoComplete="off"
            {...form.getInputProps('responsible.cpf')}
            onChange={(event) => form.setFieldValue('responsible.cpf', maskCpf(event.currentTarget.value))}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Usuários a cadastrar" radius="md">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Quem vai acessar a plataforma: cada usuário recebe um convite no próprio e-mail (de preferência o
            e-mail funcional).
          </Text>
          {values.users.map((row, index) => (
            <Paper key={row.key} withBorder p="sm" radius="md" bg="gray.0">
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  Usuário {index + 1}
                </Text>
                <Tooltip label="Remover este usuário">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remover usuário ${index + 1}`}
                    onClick={() =>
                      values.users.length > 1
                        ? form.removeListItem('users', index)
                        : form.setFieldValue('users', [emptyUser()])
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
                <TextInput
                  label="Nome"
                  aria-label={`Nome do usuário ${index + 1}`}
                  autoComplete="off"
                  {...form.getInputProps(`users.${index}.name`)}
                />
                <TextInput
                  label="E-mail"
                  aria-label={`E-mail do usuário ${index + 1}`}
                  type="email"
                  autoComplete="off"
                  {...form.getInputProps(`users.${index}.email`)}
                />
                <TextInput
                  label="CPF"
                  aria-label={`CPF do usuário ${index + 1}`}
                  inputMode="numeric"
                  placeholder="000.000.000-00"
                  autoComplete="off"
                  {...form.getInputProps(`users.${index}.cpf`)}
                  onChange={(event) =>
                    form.setFieldValue(`users.${index}.cpf`, maskCpf(event.currentTarget.value))
                  }
                />
                <TextInput
                  label="Perfil de acesso"
                  aria-label={`Perfil de acesso do usuário ${index + 1}`}
                  placeholder="Ex.: Solicitante"
                  autoComplete="off"
                  {...form.getInputProps(`users.${index}.profile`)}
                />
              </SimpleGrid>
            </Paper>
          ))}
          {form.errors.users ? (
            <Text size="sm" c="red.8" role="alert">
              {form.errors.users}
            </Text>
          ) : null}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => form.insertListItem('users', emptyUser())}
              disabled={values.users.length >= 200}
            >
              Adicionar usuário
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Fieldset legend="Contatos" radius="md">
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Outras pessoas com quem a equipe pode falar sobre esta ficha (opcional).
          </Text>
          {values.contacts.map((row, index) => (
            <Group key={row.key} align="flex-end" gap="sm" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
                <TextInput
                  label="Nome"
                  aria-label={`Nome do contato ${index + 1}`}
                  autoComplete="off"
                  {...form.getInputProps(`contacts.${index}.name`)}
                />
                <TextInput
                  label="E-mail"
                  aria-label={`E-mail do contato ${index + 1}`}
                  type="email"
                  autoComplete="off"
                  {...form.getInputProps(`contacts.${index}.email`)}
                />
                <TextInput
                  label="Telefone"
                  aria-label={`Telefone do contato ${index + 1}`}
                  type="tel"
                  placeholder="(27) 99999-9999"
                  autoComplete="off"
                  {...form.getInputProps(`contacts.${index}.phone`)}
                  onChange={(event) =>
                    form.setFieldValue(`contacts.${index}.phone`, maskPhone(event.currentTarget.value))
                  }
                />
              </SimpleGrid>
              <Tooltip label="Remover este contato">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  aria-label={`Remover contato ${index + 1}`}
                  onClick={() =>
                    values.contacts.length > 1
                      ? form.removeListItem('contacts', index)
                      : form.setFieldValue('contacts', [emptyContact()])
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => form.insertListItem('contacts', emptyContact())}
              disabled={values.contacts.length >= 20}
            >
              Adicionar contato
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <Textarea
        label="Observações"
        description="Algo que a equipe precisa saber sobre este cadastro."
        inputWrapperOrder={['label', 'description', 'input', 'error']}
        autosize
        minRows={3}
        maxRows={10}
        maxLength={5000}
        {...form.getInputProps('notes')}
      />

      {extra}

      {sender !== 'none' ? (
        <Fieldset legend={sender === 'self' ? 'Seus dados' : 'Remetente'} radius="md">
          <Text size="sm" c="dimmed" mb="sm">
            {sender === 'self'
              ? 'Quem está enviando a ficha. O protocolo e o link para acompanhar vão para este e-mail.'
              : 'Quem enviou a ficha à equipe. O protocolo, o link para acompanhar e eventuais pedidos de correção vão para este e-mail.'}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={sender === 'self' ? 'Seu nome' : 'Nome do remetente'}
              required
              withAsterisk
              autoComplete={sender === 'self' ? 'name' : 'off'}
              {...form.getInputProps('senderName')}
            />
            <TextInput
              label={sender === 'self' ? 'Seu e-mail' : 'E-mail do remetente'}
              type="email"
              required
              withAsterisk
              autoComplete={sender === 'self' ? 'email' : 'off'}
              {...form.getInputProps('senderEmail')}
            />
          </SimpleGrid>
        </Fieldset>
      ) : null}

      {leftovers.length > 0 ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} title="Revise a ficha" role="alert">
          <Stack gap={2}>
            {leftovers.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}

      <Group justify="flex-end" gap="sm">
        {actions}
      </Group>
    </Stack>
  )
}

/** After a refused submission: brings the first field with an error into view and focuses it. */
export function focusFirstError(): void {
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (!field) return
    field.scrollIntoView({ block: 'center', behavior: 'smooth' })
    field.focus({ preventScroll: true })
  })
}
