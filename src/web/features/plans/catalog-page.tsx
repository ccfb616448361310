import { Tabs } from '@mantine/core'
import { IconFileText, IconListCheck, IconPackage } from '@tabler/icons-react'
import { useSearchParams } from 'react-router'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { CategoriesPanel } from './categories-panel.tsx'
import { ContractTemplatesPanel } from './contract-templates-panel.tsx'
import { RegistrationRulesPanel } from './registration-rules-panel.tsx'

const TABS = ['planos', 'modelos', 'regras'] as const
type Tab = (typeof TABS)[number]

/** `/planos`: the catalog (categories and plans), contract templates and registration rules. */
export function CatalogPage() {
  const [params, setParams] = useSearchParams()
  const requested = params.get('aba')
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : 'planos'

  return (
    <>
      <PageHeader
        title="Planos"
        description="Categorias e planos oferecidos aos clientes, com preços, teste grátis e serviços; modelos de contrato e regras conferidas ao cadastrar um plano."
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params)
          if (!value || value === 'planos') next.delete('aba')
          else next.set('aba', value)
          setParams(next, { replace: true })
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="planos" leftSection={<IconPackage size={16} />}>
            Categorias e planos
          </Tabs.Tab>
          <Tabs.Tab value="modelos" leftSection={<IconFileText size={16} />}>
            Modelos de contrato
          </Tabs.Tab>
          <Tabs.Tab value="regras" leftSection={<IconListCheck size={16} />}>
            Regras de cadastro
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="planos">
          <CategoriesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="modelos">
          <ContractTemplatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="regras">
          <RegistrationRulesPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  )
}
