import { Button, FileButton, Group, Image, Paper, Stack, Text, Title } from '@mantine/core'
import { IconTrash, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { API_BASE, api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'

/** The provider's logo, printed on certificates: preview, send / replace, remove. */
export function LogoSection() {
  const info = useApiQuery<{ hasLogo: boolean; updatedAt: string | null }>('/settings/logo/info')
  const hasLogo = info.data?.hasLogo ?? false
  const version = info.data?.updatedAt ? new Date(info.data.updatedAt).getTime() : 0
  const [busy, setBusy] = useState(false)

  async function upload(file: File | null) {
    if (!file) return
    const form = new FormData()
    form.append('file', file)
    setBusy(true)
    try {
      await api.put('/settings/logo', form)
      notifySuccess('Logotipo salvo. Os próximos certificados já saem com ele.')
      await info.reload()
    } catch (error) {
      notifyError(error, 'Logotipo não enviado')
    } finally {
      setBusy(false)
    }
  }

  async function remove() {
    setBusy(true)
    try {
      await api.delete('/settings/logo')
      notifySuccess('Logotipo removido.')
      await info.reload()
    } catch (error) {
      notifyError(error, 'Não foi possível remover o logotipo')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Logotipo" mt="lg">
      <Stack gap={4} mb="md">
        <Title order={2} fz="h4">
          Logotipo
        </Title>
        <Text size="sm" c="dimmed">
          Impresso nos certificados dos eventos. PNG, JPEG ou WebP de até 2 MB; guardamos até 600 pixels.
        </Text>
      </Stack>
      <Group align="center" gap="lg">
        {hasLogo ? (
          <Image
            src={`${API_BASE}/settings/logo?v=${version}`}
            alt="Logotipo atual"
            h={64}
            w="auto"
            fit="contain"
          />
        ) : (
          <Text size="sm" c="dimmed">
            Nenhum logotipo: os certificados levam as iniciais do nome.
          </Text>
        )}
        <FileButton onChange={(f) => void upload(f)} accept="image/png,image/jpeg,image/webp">
          {(props) => (
            <Button {...props} variant="default" leftSection={<IconUpload size={16} />} loading={busy}>
              {hasLogo ? 'Trocar logotipo' : 'Enviar logotipo'}
            </Button>
          )}
        </FileButton>
        {hasLogo ? (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => void remove()}
            disabled={busy}
          >
            Remover
          </Button>
        ) : null}
      </Group>
    </Paper>
  )
}
