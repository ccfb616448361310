import { Alert, Anchor, Button, CopyButton, FileInput, Group, Stack, Text, TextInput } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconInfoCircle,
  IconPaperclip,
  IconSend,
} from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, errorMessage, isApiError } from '../../shared/api.ts'
import { notifyError } from '../../shared/ui/errors.ts'
import { formatSize } from './attachments-section.tsx'
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

/** Same limits as the server: PDF, PNG or JPEG up to 10 MB. */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg'
const ACCEPTED_NAME = /\.(pdf|png|jpe?g)$/i

/** Why the chosen file cannot go (null: it can). The server checks the real type again. */
function fileProblem(file: File): string | null {
  if (!ACCEPTED_NAME.test(file.name)) return 'Envie o original em PDF, PNG ou JPEG.'
  if (file.size === 0) return 'O arquivo está vazio.'
  if (file.size > MAX_ATTACHMENT_BYTES) return 'O arquivo passa de 10 MB. Envie uma versão menor.'
  return null
}

/** What happened to the attachment sent after the ficha. */
type AttachmentResult = { name: string; error: string | null }

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
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [sent, setSent] = useState<{
    result: SubmittedFicha
    email: string
    attachment: AttachmentResult | null
  } | null>(null)
  // Whose form this is: the provider's name in the header; an unknown address is said at once.
  const [providerName, setProviderName] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    api
      .get<{ providerName: string }>(`/public/fichas/${encodeURIComponent(slug)}`)
      .then((r) => {
        if (live) setProviderName(r.providerName)
      })
      .catch((error) => {
        if (live && (isApiError(error, 'FORM_NOT_FOUND') || isApiError(error, 'VALIDATION_ERROR')))
          setNotFound(true)
      })
    return () => {
      live = false
    }
  }, [slug])

  function chooseFile(next: File | null) {
    const problem = next ? fileProblem(next) : null
    // A refused file stays chosen (with the error and the clear button) until replaced or removed.
    setFileError(problem)
    setFile(next)
  }

  async function submit(values: FichaFormValues) {
    if (fileError) {
      focusFirstError()
      return
    }
    setSaving(true)
    setLeftovers([])
    const { data, userRows, contactRows } = dataFromValues(values)
    try {
      const result = await api.post<SubmittedFicha>(`/public/fichas/${encodeURIComponent(slug)}`, {
        senderName: values.senderName.trim(),
        senderEmail: values.senderEmail.trim(),
        data,
      })
      // The ficha is in: the original goes with the protocol and the secret key just received. A
      // refused file does not undo the ficha; the confirmation says what happened to it.
      let attachment: AttachmentResult | null = null
      if (file) {
        const body = new FormData()
        body.append('arquivo', file)
        const query = new URLSearchParams({ protocol: result.protocol, key: result.key })
        try {
          await api.upload(`/public/fichas/attachments?${query.toString()}`, body)
          attachment = { name: file.name, error: null }
        } catch (error) {
          attachment = { name: file.name, error: errorMessage(error) }
        }
      }
      setSent({ result, email: values.senderEmail.trim(), attachment })
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
        attachment={sent.attachment}
        onAnother={() => {
          form.setValues(valuesFromData(null))
          form.resetDirty()
          setFile(null)
          setFileError(null)
          setSent(null)
        }}
      />
    )

  return (
    <PublicLayout
      title={providerName ? `Ficha cadastral — ${providerName}` : 'Ficha cadastral'}
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
          extra={
            <FileInput
              label="Original da ficha (PDF ou imagem)"
              description={
                file && !fileError
                  ? `${formatSize(file.size)} · vai junto com a ficha ao enviar.`
                  : 'Opcional. Se você tem a ficha assinada ou digitalizada, anexe aqui: PDF, PNG ou JPEG, até 10 MB.'
              }
              inputWrapperOrder={['label', 'description', 'input', 'error']}
              placeholder="Escolher arquivo"
              accept={ACCEPT}
              clearable
              value={file}
              onChange={chooseFile}
              error={fileError}
              leftSection={<IconPaperclip size={16} />}
              maw={520}
            />
          }
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
  attachment: AttachmentResult | null
  onAnother: () => void
}

function FichaSent({ result, email, attachment, onAnother }: FichaSentProps) {
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
        {attachment && !attachment.error ? (
          <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="ficha-attachment">
            Anexo recebido: <strong>{attachment.name}</strong>
          </Alert>
        ) : null}
        {attachment?.error ? (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="O anexo não foi recebido"
            role="alert"
            data-testid="ficha-attachment"
          >
            <Text size="sm">
              {attachment.name}: {attachment.error}
            </Text>
            <Text size="sm" mt={4}>
              A ficha foi recebida com o protocolo {result.protocol}. Se precisar, envie o original à equipe
              informando esse protocolo.
            </Text>
          </Alert>
        ) : null}
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
