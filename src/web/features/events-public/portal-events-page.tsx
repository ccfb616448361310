/** Placeholder until the screen is written. */
export function PortalEventsPage() {
  return <p>Meus eventos e certificados</p>
}
