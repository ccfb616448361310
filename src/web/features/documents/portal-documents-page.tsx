import { Paper } from '@mantine/core'
import { IconBuilding } from '@tabler/icons-react'
import { useUser } from '../../shared/session.tsx'
import { EmptyState } from '../../shared/ui/empty-state.tsx'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { DocumentsBrowser } from './documents-browser.tsx'

/** `/portal/documentos`: the folders of the user's departments in the company in use. */
export function PortalDocumentsPage() {
  const user = useUser()
  return (
    <>
      <PageHeader
        title="Documentos"
        description={
          user.company ? (
            <>
              Pastas dos seus departamentos em <strong>{user.company.name}</strong>, com o que o seu nível de
              acesso permite.
            </>
          ) : undefined
        }
      />
      {user.company ? (
        // Remount per company: switching company switches the tree.
        <DocumentsBrowser key={user.company.id} mode="portal" treePath="/portal/documents" />
      ) : (
        <Paper withBorder p="xl">
          <EmptyState
            icon={<IconBuilding size={28} stroke={1.5} />}
            title="Nenhuma empresa vinculada"
            description={`Seu acesso ainda não está ligado a nenhuma empresa. Fale com a equipe de ${user.tenant.name}.`}
          />
        </Paper>
      )}
    </>
  )
}
