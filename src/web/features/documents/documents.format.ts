import { formatNumber } from '../../../shared/format.ts'

/** "0,4 KB", "12,3 KB", "1,5 MB": KB below a megabyte, one decimal with a comma. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), 1)} MB`
  return `${formatNumber(Math.max(bytes, 0) / 1024, 1)} KB`
}

const KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'Imagem PNG',
  'image/jpeg': 'Imagem JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'text/csv': 'CSV',
  'text/plain': 'Texto',
  'application/xml': 'XML',
  'application/x-ofx': 'Extrato OFX',
}

export function kindOf(mime: string): string {
  return KINDS[mime] ?? 'Arquivo'
}

/** What the file picker offers (the server checks the content anyway). */
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv,.txt,.xml,.ofx'

export const LEVEL_COLORS: Record<string, string> = {
  revisor: 'gray',
  contribuinte: 'blue',
  proprietario: 'teal',
}

/** What each level allows, said to the client user (seed 004, step 5). */
export const LEVEL_YOU_CAN: Record<string, string> = {
  revisor: 'visualiza e baixa os documentos desta pasta, sem alterá-los.',
  contribuinte:
    'visualiza, cria pastas, envia documentos e novas versões, e exclui os documentos que você mesmo publicou e as pastas que criou (com apenas o que é seu).',
  proprietario: 'tem controle total desta pasta: cria, renomeia, move e exclui pastas e documentos.',
}
