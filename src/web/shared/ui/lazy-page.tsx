import { type ComponentType, lazy } from 'react'

/** A page's code could not be fetched (typically: a new version was deployed since the tab opened). */
export class PageLoadError extends Error {
  constructor(cause: unknown) {
    super('Não foi possível carregar o código desta página.', { cause })
    this.name = 'PageLoadError'
  }
}

const RELOADED_KEY = 'cadastra:recarregada-para'
const RELOAD_WINDOW_MS = 60_000

/**
 * Reloads the page once for this address: a tab opened before a new version was deployed asks for
 * files the server no longer has, and a reload brings the new ones. False when it already did so in
 * the last minute (the failure is not about versions: no reload loop).
 */
export function reloadOnce(): boolean {
  const here = window.location.pathname + window.location.search
  try {
    const last = JSON.parse(window.sessionStorage.getItem(RELOADED_KEY) ?? 'null') as {
      at: number
      path: string
    } | null
    if (last && last.path === here && Date.now() - last.at < RELOAD_WINDOW_MS) return false
    window.sessionStorage.setItem(RELOADED_KEY, JSON.stringify({ at: Date.now(), path: here }))
  } catch {
    return false // no session storage: show the error page instead of risking a loop
  }
  window.location.reload()
  return true
}

/**
 * A page loaded the first time its route opens (its own chunk of the bundle). When its code cannot
 * be fetched the page reloads once; if that does not help, the route's error page says so.
 */
export function page<K extends string, M extends Record<K, ComponentType<object>>>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => {
    try {
      return { default: (await load())[name] }
    } catch (err) {
      // Waiting for the reload keeps the loader on screen instead of flashing an error.
      if (reloadOnce()) return new Promise<never>(() => {})
      throw new PageLoadError(err)
    }
  })
}
