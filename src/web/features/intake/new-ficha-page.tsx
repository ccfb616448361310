import { Anchor, Button, Paper, Text } from '@mantine/core'
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { api } from '../../shared/api.ts'
import { notifyError, notifySuccess } from '../../shared/ui/errors.ts'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import {
  applyServerErrors,
  dataFromValues,
  FichaFields,
  type FichaFormValues,
  focusFirstError,
  useFichaForm,
  valuesFromData,
} from './ficha-form.tsx'
import type { FichaDetail } from './intake.types.ts'

/** `/fichas/nova`: staff type in a ficha received by e-mail or on paper (same form as the public one). */
export function NewFichaPage() {
  const navigate = useNavigate()
  const form = useFichaForm(valuesFromData(null), true)
  const [saving, setSaving] = useState(false)
  const [leftovers, setLeftovers] = useState<string[]>([])

  async function submit(values: FichaFormValues) {
    setSaving(true)
    setLeftovers([])
    const { data, userRows, contactRows } = dataFromValues(values)
    try {
      const ficha = await api.post<FichaDetail>('/fichas', {
        senderName: values.senderName.trim(),
        senderEmail: values.senderEmail.trim(),
        data,
      })
      notifySuccess(
        `Ficha ${ficha.protocol} registrada. O remetente recebe o protocolo e o link para acompanhar.`,
      )
      navigate(`/fichas/${ficha.id}`, { replace: true })
    } catch (error) {
      setLeftovers(applyServerErrors(form, error, { userRows, contactRows }))
      notifyError(error, 'Não foi possível registrar a ficha')
      focusFirstError()
    } finally {
      setSaving(false)
    }
  }

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
        title="Nova ficha"
        description="Registre uma ficha recebida por e-mail ou em papel. Ela entra como “Recebida”, mesmo incompleta, e o remetente recebe o protocolo."
      />
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        <form
          noValidate
          onSubmit={form.onSubmit(
            (values) => void submit(values),
            () => focusFirstError(),
          )}
        >
          <FichaFields
            form={form}
            sender="other"
            leftovers={leftovers}
            actions={
              <>
                <Text size="sm" c="dimmed" mr="auto">
                  Campos vazios podem ser completados depois, pela devolução ao remetente.
                </Text>
                <Button variant="default" component={Link} to="/fichas" disabled={saving}>
                  Cancelar
                </Button>
                <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={18} />}>
                  Registrar ficha
                </Button>
              </>
            }
          />
        </form>
      </Paper>
    </>
  )
}
