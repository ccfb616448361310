import { formatNumber } from '#shared/format.ts'
import { defineErrors } from '../../platform/errors.ts'
import { DOCUMENT_MAX_BYTES } from './documents.files.ts'

const maxMb = Math.round(DOCUMENT_MAX_BYTES / (1024 * 1024))

export const DocumentErrors = defineErrors({
  CLIENT_ORG_NOT_FOUND: [404, 'Cliente não encontrado.'],
  CLIENT_USER_NOT_FOUND: [404, 'Usuário de cliente não encontrado.'],
  DEPARTMENT_NOT_FOUND: [400, 'Departamento inexistente.'],
  FOLDER_NOT_FOUND: [404, 'Pasta não encontrada.'],
  DOCUMENT_NOT_FOUND: [404, 'Documento não encontrado.'],
  VERSION_NOT_FOUND: [404, 'Versão não encontrada.'],
  FOLDER_NAME_TAKEN: [409, 'Já existe uma pasta com este nome aqui.'],
  FOLDER_HAS_HIDDEN_CONTENT: [
    409,
    'Esta pasta tem subpastas do escritório que não estão compartilhadas com você: peça ao escritório para excluí-la.',
  ],
  FOLDER_HAS_OTHERS_CONTENT: [
    403,
    'Esta pasta tem documentos ou subpastas de outras pessoas. Como Contribuinte, você só exclui uma pasta sua com apenas o que você publicou.',
  ],
  NOT_IN_TRASH: [404, 'Item não encontrado na lixeira.'],
  PARENT_IN_TRASH: [409, 'A pasta onde este item estava também está na lixeira: restaure a pasta primeiro.'],
  RESTORE_NOT_DELETER: [
    403,
    'Como Contribuinte, você só pode restaurar o que você mesmo excluiu. Peça a um Proprietário da pasta ou ao escritório.',
  ],
  RESTORE_DOCUMENT_NAME_TAKEN: [
    409,
    'Já existe um documento com este nome na pasta de origem. Renomeie ou exclua esse documento e restaure de novo.',
  ],
  RESTORE_FOLDER_NAME_TAKEN: [
    409,
    'Já existe uma pasta com este nome no lugar de origem. Renomeie essa pasta e restaure de novo.',
  ],
  MOVE_SAME_FOLDER: [400, 'O documento já está nesta pasta.'],
  MOVE_FOLDER_SAME_PLACE: [400, 'A pasta já está dentro da pasta escolhida.'],
  MOVE_INTO_ITSELF: [400, 'Uma pasta não pode ser movida para dentro dela mesma nem de uma subpasta sua.'],
  MOVE_OTHER_DEPARTMENT: [
    400,
    'Uma pasta só pode ser movida dentro do mesmo departamento. Para outro departamento, mova os documentos.',
  ],
  MOVE_FOLDER_NAME_TAKEN: [
    409,
    'Já existe uma pasta com este nome na pasta de destino. Renomeie uma das duas antes de mover.',
  ],
  FOLDER_SYSTEM_MOVE: [409, 'Esta é a pasta do departamento: ela não pode ser movida.'],
  MOVE_NAME_TAKEN: [
    409,
    'Já existe um documento com este nome na pasta de destino. Renomeie um dos dois antes de mover.',
  ],
  FOLDER_SYSTEM: [
    409,
    'Esta é a pasta do departamento, compartilhada automaticamente: não pode ser renomeada nem excluída.',
  ],
  FOLDER_TOO_DEEP: [400, 'Limite de subpastas atingido (no máximo 8 níveis).'],
  DOCUMENT_NAME_TAKEN: [
    409,
    'Já existe um documento com este nome nesta pasta. Para substituí-lo, envie uma nova versão.',
  ],
  FILE_MISSING: [400, 'Selecione um arquivo para enviar.'],
  FOLDER_ZIP_EMPTY: [404, 'Não há documentos nesta pasta nem nas suas subpastas para baixar.'],
  FOLDER_ZIP_TOO_LARGE: [
    413,
    'A pasta é grande demais para um único arquivo .zip. Baixe as subpastas separadamente.',
  ],
  FILE_TOO_LARGE: [413, `O arquivo passa do limite de ${maxMb} MB.`],
  FILE_EMPTY: [400, 'O arquivo está vazio.'],
  FILE_TYPE_NOT_ALLOWED: [
    415,
    'Tipo de arquivo não aceito. Envie PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), CSV, TXT, XML (NF-e e outros) ou OFX (extrato bancário).',
  ],
  FILE_MACRO: [415, 'Arquivos do Office com macros não são aceitos. Salve como .docx ou .xlsx sem macros.'],
  FILE_ENCRYPTED: [415, 'Arquivos protegidos por senha não são aceitos. Remova a senha e envie de novo.'],
  FILE_INFECTED: [422, 'O arquivo foi recusado: o antivírus encontrou uma ameaça.'],
  SCANNER_UNAVAILABLE: [
    503,
    'O antivírus não respondeu agora e o arquivo não foi guardado. Tente enviar de novo em alguns minutos.',
  ],
  FILE_CONTENT_MISSING: [
    404,
    'O conteúdo deste documento não está disponível no armazenamento. Avise a equipe de suporte.',
  ],
  LEVEL_READ_ONLY: [403, 'Seu nível de acesso nesta pasta (Revisor) permite apenas visualizar e baixar.'],
  LEVEL_NOT_OWNER: [
    403,
    'Como Contribuinte, você só pode alterar ou excluir os documentos que você mesmo publicou.',
  ],
  LEVEL_OWNER_ONLY: [403, 'Só o Proprietário da pasta (ou a equipe do escritório) pode fazer isso.'],
  UPLOAD_NOT_PERMITTED: [
    403,
    'Seu usuário não tem permissão para enviar documentos ao escritório. Peça ao administrador.',
  ],
  STAFF_ONLY: [403, 'Só a equipe do escritório pode compartilhar pastas.'],
})

/** The size refusal with the limit in force (the deployment's, not only the default). */
export function fileTooLarge(maxBytes: number) {
  const mb = maxBytes / (1024 * 1024)
  return DocumentErrors.FILE_TOO_LARGE({
    message: `O arquivo passa do limite de ${formatNumber(mb, mb >= 1 ? 0 : 2)} MB.`,
  })
}
