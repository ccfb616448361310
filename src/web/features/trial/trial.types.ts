/** Shapes of the new client wizard and first-access API (seed 002), mirrored from plans.schemas.ts. */
import type { Environment } from '../client-orgs/client-orgs.types.ts'

export interface TrialAddress {
  cep: string
  street: string
  number: string
  complement: string | null
  district: string
  city: string
  uf: string
}

/** `POST /trial-signups`: nothing is created before this single request. */
export interface TrialSignupBody {
  planIds: string[]
  contact: { name: string; phone: string }
  login: { email: string; password: string; passwordConfirmation: string }
  company: {
    document: string
    name: string
    tradeName: string | null
    stateRegistration: string | null
    email: string | null
    /** The company's phone as the CNPJ lookup brought it (kept next to the contact's). */
    phone: string | null
  }
  address: TrialAddress
}

export interface TrialSignupResult {
  clientOrgId: string
  /** 'AAAA-MM-DD', or null when no chosen plan has a trial. */
  trialEndsOn: string | null
  environment: Environment
}

export type CertificateType = 'A1' | 'A3'

/** `GET /client-orgs/:id/setup`: the first-access configuration of a client in Homologação. */
export interface ClientSetup {
  clientOrgId: string
  clientName: string
  environment: Environment
  trialEndsOn: string | null
  certificateType: CertificateType | null
  invoiceSeries: string | null
  nextInvoiceNumber: number | null
  completedAt: string | null
  movedToProductionAt: string | null
}

export interface SaveClientSetupBody {
  certificateType: CertificateType
  invoiceSeries: string
  nextInvoiceNumber: number
}
