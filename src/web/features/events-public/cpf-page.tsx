/** Placeholder until the screen is written. */
export function CpfPage() {
  return <p>Cadastro de CPF</p>
}
