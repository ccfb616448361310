/** Placeholder until the screen is written. */
export function JoinPage() {
  return <p>Acesso ao evento</p>
}
