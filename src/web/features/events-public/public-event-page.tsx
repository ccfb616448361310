/** Placeholder until the screen is written. */
export function PublicEventPage() {
  return <p>Evento</p>
}
