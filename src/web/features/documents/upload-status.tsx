import { Alert, List, Paper, Progress, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { refusalTitle, type UploadProgress, type UploadSummary } from './use-upload-queue.ts'

/** "Enviando 3 de 12: nome.pdf" over a bar of the files already sent. */
export function UploadProgressCard({ progress }: { progress: UploadProgress }) {
  const percent = Math.round(((progress.position - 1) / progress.total) * 100)
  return (
    <Paper withBorder p="sm" data-testid="upload-progress">
      <Stack gap={8}>
        <Text size="sm" role="status" style={{ overflowWrap: 'anywhere' }}>
          Enviando {progress.position} de {progress.total}: <strong>{progress.fileName}</strong>
        </Text>
        <Progress value={percent} animated size="md" aria-label="Progresso do envio dos documentos" />
      </Stack>
    </Paper>
  )
}

/** The files of the last upload that the server refused, each with its reason. */
export function UploadRefusalAlert({ summary, onClose }: { summary: UploadSummary; onClose: () => void }) {
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={20} />}
      title={refusalTitle(summary)}
      withCloseButton
      closeButtonLabel="Fechar o aviso"
      onClose={onClose}
      data-testid="upload-refusals"
    >
      <List size="sm" spacing={4}>
        {summary.refused.map((r, i) => (
          // The same name may come twice (two files picked from different places).
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once shown
          <List.Item key={`${i}-${r.fileName}`} style={{ overflowWrap: 'anywhere' }}>
            <strong>{r.fileName}</strong> — {r.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  )
}
