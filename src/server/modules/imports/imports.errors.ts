import { defineErrors } from '../../platform/errors.ts'

export const ImportErrors = defineErrors({
  IMPORT_NOT_FOUND: [404, 'Importação não encontrada.'],
  EXPORT_TOO_LARGE: [413, 'A lista é grande demais para um arquivo: filtre-a e exporte em partes.'],
  IMPORT_FILE_MISSING: [400, 'Envie a planilha (.xlsx ou .csv).'],
  IMPORT_MAPPING_INVALID: [400, 'Revise o mapeamento das colunas.'],
  IMPORT_BUSY: [409, 'A importação está em andamento. Aguarde o fim para fazer outra ação.'],
  IMPORT_NOT_VALIDATED: [409, 'Faça a prévia (validação) antes de confirmar a importação.'],
  IMPORT_NOTHING_TO_IMPORT: [409, 'Nenhuma linha válida para importar. Corrija a planilha e envie de novo.'],
  IMPORT_ALREADY_STARTED: [409, 'Esta importação já foi confirmada.'],
  IMPORT_UNDO_NOT_ALLOWED: [409, 'Só é possível desfazer uma importação concluída.'],
  IMPORT_UNDO_ACCEPTED: [409, 'Não é possível desfazer: usuários desta importação já aceitaram o convite.'],
  IMPORT_UNDO_IN_USE: [
    409,
    'Não é possível desfazer: registros desta importação já estão em uso (documentos publicados, planos, usuários ou inscrições ligados a eles). Remova esses vínculos antes ou mantenha a importação.',
  ],
  IMPORT_PURGED: [
    410,
    'Os detalhes desta importação foram apagados ao fim do prazo de retenção. Envie a planilha de novo para importar.',
  ],
  IMPORT_SCHEDULE_INVALID: [400, 'Informe a data e a hora do envio, no futuro.'],
  IMPORT_INVITE_FORBIDDEN: [
    403,
    'Você não tem permissão para enviar convites. Escolha "Enviar mais tarde" ou peça a permissão.',
  ],
})
