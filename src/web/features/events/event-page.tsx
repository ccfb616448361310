/** Placeholder until the screen is written. */
export function EventPage() {
  return <p>Evento</p>
}
