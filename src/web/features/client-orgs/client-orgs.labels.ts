import type { AddressKind, Environment } from './client-orgs.types.ts'

export const ENVIRONMENTS: Record<Environment, { label: string; color: string }> = {
  homologacao: { label: 'Homologação', color: 'orange' },
  producao: { label: 'Produção', color: 'teal' },
}

export const ENVIRONMENT_OPTIONS = (Object.keys(ENVIRONMENTS) as Environment[]).map((value) => ({
  value,
  label: ENVIRONMENTS[value].label,
}))

export const ADDRESS_KINDS: Record<AddressKind, string> = {
  principal: 'Principal',
  cobranca: 'Cobrança',
  instalacao: 'Instalação',
}

export const ADDRESS_KIND_OPTIONS = (Object.keys(ADDRESS_KINDS) as AddressKind[]).map((value) => ({
  value,
  label: ADDRESS_KINDS[value],
}))

/** pt-BR names of the fields kept in the audit log of a client. */
export const CLIENT_FIELD_LABELS: Record<string, string> = {
  name: 'Nome/Razão social',
  tradeName: 'Nome fantasia',
  document: 'CPF/CNPJ',
  stateRegistration: 'Inscrição Estadual',
  emails: 'E-mails',
  phones: 'Telefones',
  environment: 'Ambiente',
  isActive: 'Situação',
  portalEnabled: 'Portal do Cliente',
  notes: 'Observações',
  extraFields: 'Campos extras',
  addresses: 'Endereços',
  trainedAt: 'Treinada em',
}

export { UFS } from '../../../shared/documents.ts'
