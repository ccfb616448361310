/** Placeholder until the screen is written. */
export function EventsPage() {
  return <p>Eventos e treinamentos</p>
}
