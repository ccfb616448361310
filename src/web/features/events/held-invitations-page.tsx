/** Placeholder until the screen is written. */
export function HeldInvitationsPage() {
  return <p>Convites aguardando treinamento</p>
}
