/** Placeholder until the screen is written. */
export function CertificateVerificationPage() {
  return <p>Verificação de certificado</p>
}
