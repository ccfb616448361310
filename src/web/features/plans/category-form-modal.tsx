import { Button, Group, Modal, NumberInput, Stack, Switch, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect, useState } from 'react'
import { api } from '../../shared/api.ts'
import { handleFormError, notifySuccess } from '../../shared/ui/errors.ts'
import type { PlanCategory, PlanCategoryBody } from './plans.types.ts'

interface CategoryFormModalProps {
  opened: boolean
  /** null: a new category. */
  category: PlanCategory | null
  onClose: () => void
  onSaved: (category: PlanCategory) => void
}

interface Values {
  name: string
  description: string
  sort: number | string
  isActive: boolean
}

/** "Nova categoria" / "Editar categoria". */
export function CategoryFormModal({ opened, category, onClose, onSaved }: CategoryFormModalProps) {
  const [saving, setSaving] = useState(false)
  const form = useForm<Values>({
    initialValues: { name: '', description: '', sort: 0, isActive: true },
    validate: {
      name: (value) => (value.trim().length >= 2 ? null : 'Informe o nome da categoria.'),
      sort: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1000
          ? null
          : 'Informe um número de 0 a 1000.',
    },
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!opened) return
    form.setValues({
      name: category?.name ?? '',
      description: category?.description ?? '',
      sort: category?.sort ?? 0,
      isActive: category?.isActive ?? true,
    })
    form.resetDirty()
    form.clearErrors()
  }, [opened, category])

  async function submit(values: Values) {
    const body: PlanCategoryBody = {
      name: values.name.trim(),
      description: values.description.trim() || null,
      sort: Number(values.sort),
      isActive: values.isActive,
    }
    setSaving(true)
    try {
      const saved = category
        ? await api.patch<PlanCategory>(`/plan-categories/${category.id}`, body)
        : await api.post<PlanCategory>('/plan-categories', body)
      notifySuccess(category ? 'Categoria atualizada.' : `Categoria ${saved.name} criada.`)
      onSaved(saved)
      onClose()
    } catch (error) {
      handleFormError(form, error, 'Não foi possível salvar a categoria')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      opened={opened}
      onClose={saving ? () => {} : onClose}
      title={category ? 'Editar categoria' : 'Nova categoria'}
      centered
      size="md"
    >
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <TextInput
            label="Nome da categoria"
            placeholder="Ex.: Emissores Fiscais"
            required
            data-autofocus
            autoComplete="off"
            {...form.getInputProps('name')}
          />
          <Textarea
            label="Descrição"
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('description')}
          />
          <NumberInput
            label="Ordem de exibição"
            description="As categorias aparecem da menor para a maior."
            min={0}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            maw={200}
            {...form.getInputProps('sort')}
          />
          <Switch
            label="Categoria ativa"
            description="Categorias inativas não aparecem no Novo Cadastro de clientes."
            {...form.getInputProps('isActive', { type: 'checkbox' })}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose} disabled={saving}>
              Cancelar
            </Button>
            <Button type="submit" loading={saving}>
              {category ? 'Salvar alterações' : 'Criar categoria'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
