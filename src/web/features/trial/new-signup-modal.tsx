import {
  Alert,
  Anchor,
  Badge,
  Center,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { IconChevronRight, IconExternalLink, IconInfoCircle } from '@tabler/icons-react'
import { Link } from 'react-router'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import classes from '../plans/plans.module.css'
import { planCountLabel } from '../plans/plans.labels.ts'
import type { PlanCategory } from '../plans/plans.types.ts'

/** Where the wizard of a category lives (opened in a new browser tab). */
export function trialWizardPath(categoryId: string): string {
  return `/clientes/novo-cadastro/${encodeURIComponent(categoryId)}`
}

/**
 * "Novo Cadastro" on the client list: the active categories with their number of plans; choosing one
 * opens the four-step wizard in a new browser tab.
 */
export function NewSignupModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { can } = useSession()
  const categories = useApiQuery<{ items: PlanCategory[] }>(opened ? '/plan-categories' : null)
  const items = (categories.data?.items ?? []).filter((c) => c.isActive)

  function choose(category: PlanCategory) {
    window.open(trialWizardPath(category.id), '_blank')
    onClose()
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Novo Cadastro" centered size="md">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Escolha a categoria dos planos do novo cliente. O cadastro abre numa nova aba do navegador.
        </Text>
        {categories.error ? (
          <LoadError error={categories.error} onRetry={() => void categories.reload()} />
        ) : null}
        {!categories.data && !categories.error ? (
          <Center py="md">
            <Loader size="sm" aria-label="Carregando categorias" />
          </Center>
        ) : null}
        {categories.data && items.length === 0 ? (
          <Alert color="yellow" icon={<IconInfoCircle size={18} />} title="Nenhuma categoria de planos">
            <Text size="sm">
              É preciso ter os planos cadastrados antes de cadastrar um cliente.{' '}
              {can(PERMISSIONS.plansManage) ? (
                <Anchor component={Link} to="/planos" size="sm" onClick={onClose}>
                  Cadastrar planos
                </Anchor>
              ) : null}
            </Text>
          </Alert>
        ) : null}
        <Stack gap={6} role="list" aria-label="Categorias de planos">
          {items.map((category) => {
            const empty = category.planCount === 0
            return (
              <div role="listitem" key={category.id}>
                <UnstyledButton
                  w="100%"
                  className={classes.selectable}
                  onClick={() => choose(category)}
                  disabled={empty}
                  p="sm"
                  style={{
                    border: '1px solid var(--mantine-color-default-border)',
                    borderRadius: 'var(--mantine-radius-md)',
                    opacity: empty ? 0.6 : 1,
                    cursor: empty ? 'not-allowed' : 'pointer',
                  }}
                  aria-label={`${category.name}: ${planCountLabel(category.planCount)}${empty ? '' : ' (abre em nova aba)'}`}
                >
                  <Group justify="space-between" gap="sm" wrap="nowrap">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text fw={600} size="sm">
                        {category.name}
                      </Text>
                      {category.description ? (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {category.description}
                        </Text>
                      ) : null}
                    </Stack>
                    <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
                      <Badge variant="light" color={empty ? 'gray' : 'brand'}>
                        {planCountLabel(category.planCount)}
                      </Badge>
                      {empty ? null : <IconChevronRight size={18} color="var(--mantine-color-dimmed)" />}
                    </Group>
                  </Group>
                </UnstyledButton>
              </div>
            )
          })}
        </Stack>
        {items.length > 0 ? (
          <Group gap={6} c="dimmed" wrap="nowrap" align="flex-start">
            <IconExternalLink size={14} style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="xs">O passo a passo tem 4 etapas: plano, contato e login, empresa e endereço.</Text>
          </Group>
        ) : null}
      </Stack>
    </Modal>
  )
}
