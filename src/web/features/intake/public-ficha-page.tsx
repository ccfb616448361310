import { Alert, Anchor, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconCheck, IconCopy, IconInfoCircle, IconSend } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, isApiError } from '../../shared/api.ts'
import { notifyError } from '../../shared/ui/errors.ts'
import {
  applyServerErrors,
  dataFromValues,
  FichaFields,
  type FichaFormValues,
  focusFirstError,
  useFichaForm,
  valuesFromData,
} from './ficha-form.tsx'
import type { SubmittedFicha } from './intake.types.ts'
import { PublicLayout } from './public-layout.tsx'

/** The sender's page for a ficha: `/fichas/acompanhar?protocolo=…&chave=…`. */
export function statusPath(protocol: string, key: string): string {
  return `/fichas/acompanhar?${new URLSearchParams({ protocolo: protocol, chave: key }).toString()}`
}

/** `/fichas/enviar/:slug`: the provider's public ficha cadastral (no account needed). */
export function PublicFichaPage() {
  const { slug = '' } = useParams()
  const form = useFichaForm(valuesFromData(null), true)
  const [saving, setSaving] = useState(false)
  const [leftovers, setLeftovers] = useState<string[]>([])
  const [notFound, setNotFound] = useState(false)
  const [sent, setSent] = useState<{ result: SubmittedFicha; email: string } | null>(null)

  async function submit(values: FichaFormValues) {
    setSaving(true)
    setLeftovers([])
    const { data, userRows, contactRows } = dataFromValues(values)
    try {
      const result = await api.post<SubmittedFicha>(`/public/fichas/${encodeURIComponent(slug)}`, {
        senderName: values.senderName.trim(),
        senderEmail: values.senderEmail.trim(),
        data,
      })
      setSent({ result, email: values.senderEmail.trim() })
      window.scrollTo({ top: 0 })
    } catch (error) {
      if (isApiError(error, 'FORM_NOT_FOUND')) {
        setNotFound(true)
        return
      }
      const rest = applyServerErrors(form, error, { userRows, contactRows })
      setLeftovers(rest)
      notifyError(error, 'Não foi possível enviar a ficha')
      focusFirstError()
    } finally {
      setSaving(false)
    }
  }

  if (notFound) {
    return (
      <PublicLayout title="Formulário não encontrado" width={560}>
        <Text>
          Não encontramos o formulário deste endereço. Confira o link recebido do seu prestador de serviço.
        </Text>
      </PublicLayout>
    )
  }

  if (sent)
    return (
      <FichaSent
        result={sent.result}
        email={sent.email}
        onAnother={() => {
          form.setValues(valuesFromData(null))
          form.resetDirty()
          setSent(null)
        }}
      />
    )

  return (
    <PublicLayout
      title="Ficha cadastral"
      subtitle="Preencha os dados do órgão ou entidade, da unidade, do responsável e dos usuários que vão acessar a plataforma."
    >
      <Alert
        color="blue"
        variant="light"
        icon={<IconInfoCircle size={18} />}
        mb="lg"
        title="Pode enviar mesmo incompleta"
      >
        <Text size="sm">
          A ficha é aceita mesmo se faltar alguma informação. A equipe confere tudo e, se faltar algo, devolve
          a ficha para o seu e-mail com a lista do que completar. Você recebe um protocolo para acompanhar o
          andamento.
        </Text>
      </Alert>
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => void submit(values),
          () => focusFirstError(),
        )}
      >
        <FichaFields
          form={form}
          sender="self"
          leftovers={leftovers}
          actions={
            <Button type="submit" size="md" loading={saving} leftSection={<IconSend size={18} />}>
              Enviar ficha
            </Button>
          }
        />
      </form>
    </PublicLayout>
  )
}

interface FichaSentProps {
  result: SubmittedFicha
  email: string
  onAnother: () => void
}

function FichaSent({ result, email, onAnother }: FichaSentProps) {
  const path = statusPath(result.protocol, result.key)
  const link = `${window.location.origin}${path}`
  return (
    <PublicLayout title="Ficha enviada" width={640}>
      <Stack gap="lg">
        <Text>
          Recebemos a sua ficha cadastral. Guarde o protocolo: ele identifica a sua ficha em qualquer contato
          com a equipe.
        </Text>
        <Stack
          gap={4}
          align="center"
          py="md"
          bg="gray.0"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        >
          <Text size="sm" c="dimmed">
            Protocolo
          </Text>
          <Text
            fz={36}
            fw={800}
            ff="monospace"
            data-testid="ficha-protocol"
            style={{ letterSpacing: '0.04em' }}
          >
            {result.protocol}
          </Text>
        </Stack>
        <Text size="sm">
          Enviamos o protocolo e o link para acompanhar a ficha para <strong>{email}</strong>. Se a equipe
          precisar de alguma correção, você recebe o pedido nesse mesmo e-mail.
        </Text>
        <TextInput
          label="Link para acompanhar a ficha"
          value={link}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
        <Group gap="sm">
          <Button component={Link} to={path}>
            Acompanhar a ficha
          </Button>
          <CopyButton value={link}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              >
                {copied ? 'Link copiado' : 'Copiar link'}
              </Button>
            )}
          </CopyButton>
          <Anchor component="button" type="button" size="sm" onClick={onAnother}>
            Enviar outra ficha
          </Anchor>
        </Group>
      </Stack>
    </PublicLayout>
  )
}
