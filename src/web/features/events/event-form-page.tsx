/** Placeholder until the screen is written. */
export function EventFormPage() {
  return <p>Evento</p>
}
