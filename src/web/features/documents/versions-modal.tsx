import { Anchor, Badge, Center, Loader, Modal, Table, Text } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { formatDateTime } from '../../../shared/format.ts'
import { API_BASE } from '../../shared/api.ts'
import { LoadError } from '../../shared/ui/load-error.tsx'
import { useApiQuery } from '../../shared/use-api-query.ts'
import { formatSize, kindOf } from './documents.format.ts'
import type { DocumentDetail } from './documents.types.ts'

/** Every version of a document, newest first, each downloadable. */
export function VersionsModal({
  prefix,
  documentId,
  onClose,
}: {
  prefix: string
  documentId: string | null
  onClose: () => void
}) {
  const detail = useApiQuery<DocumentDetail>(documentId ? `${prefix}/files/${documentId}` : null)
  const doc = documentId ? detail.data : undefined
  return (
    <Modal
      opened={documentId !== null}
      onClose={onClose}
      title={doc ? `Versões de ${doc.name}` : 'Versões'}
      size="xl"
      centered
    >
      {detail.error ? (
        <LoadError error={detail.error} onRetry={() => void detail.reload()} />
      ) : !doc || doc.id !== documentId ? (
        <Center py="md">
          <Loader size="sm" aria-label="Carregando versões" />
        </Center>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            Publicado por {doc.publishedByName} em {formatDateTime(doc.publishedAt)}.
          </Text>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" fz="sm" aria-label="Versões do documento">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Versão</Table.Th>
                  <Table.Th>Arquivo</Table.Th>
                  <Table.Th>Tamanho</Table.Th>
                  <Table.Th>Enviada em</Table.Th>
                  <Table.Th>Por</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.versions.map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>
                      <Badge variant={v.version === doc.version ? 'filled' : 'light'} size="sm">
                        v{v.version}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {v.filename}
                      <Text size="xs" c="dimmed">
                        {kindOf(v.mime)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatSize(v.sizeBytes)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v.createdAt)}</Table.Td>
                    <Table.Td>{v.uploadedByName}</Table.Td>
                    <Table.Td>
                      <Anchor
                        href={`${API_BASE}${prefix}/files/${doc.id}/download?version=${v.version}`}
                        aria-label={`Baixar a versão ${v.version}`}
                        download
                      >
                        <IconDownload size={18} />
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Modal>
  )
}
