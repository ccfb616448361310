import { Text } from '@mantine/core'
import { DocumentsBrowser } from './documents-browser.tsx'

/** "Documentos" tab of a client: publish to its folders by department, share folders, "Por que vê?". */
export function ClientOrgDocumentsTab({ clientOrgId }: { clientOrgId: string }) {
  return (
    <>
      <Text size="sm" c="dimmed" mb="md">
        Documentos publicados no Portal do Cliente. As pastas dos departamentos padrão são compartilhadas
        automaticamente; pastas criadas pelo escritório aparecem no portal depois de compartilhadas.
      </Text>
      <DocumentsBrowser
        mode="staff"
        treePath={`/client-orgs/${clientOrgId}/documents`}
        clientOrgId={clientOrgId}
      />
    </>
  )
}
