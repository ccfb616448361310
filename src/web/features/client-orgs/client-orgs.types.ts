/** A client organisation of the tenant (`GET /client-orgs`). `document` comes formatted. */
export interface ClientOrg {
  id: string
  name: string
  document: string
  documentType: 'cnpj' | 'cpf'
  portalEnabled: boolean
  userCount: number
  createdAt: string
}
