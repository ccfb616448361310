import type { ComponentType, ReactNode } from 'react'

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
export function reloadOnce(path: string): boolean {
  try {
    const last = JSON.parse(window.sessionStorage.getItem(RELOADED_KEY) ?? 'null') as {
      at: number
      path: string
    } | null
    if (last && last.path === path && Date.now() - last.at < RELOAD_WINDOW_MS) return false
    window.sessionStorage.setItem(RELOADED_KEY, JSON.stringify({ at: Date.now(), path }))
  } catch {
    return false // no session storage: show the error page instead of risking a loop
  }
  window.location.assign(path)
  return true
}

/** Loads a page component from its module (a chunk of its own). */
export function page<K extends string, M extends Record<K, ComponentType<object>>>(
  load: () => Promise<M>,
  name: K,
): () => Promise<M[K]> {
  return async () => (await load())[name]
}

/**
 * A route's `lazy`: the router fetches the page's code before it moves to the route (the page that
 * is on screen stays until then), then renders `render(Page)`. When the code cannot be fetched the
 * browser goes to the address once more (a full load: the new version's files); if that does not
 * help, the route's error page says so.
 */
export function lazyRoute<C>(load: () => Promise<C>, render: (page: C) => ReactNode) {
  return async () => {
    try {
      return { element: render(await load()) }
    } catch (err) {
      // A full load of the address the router was going to (or of this one, for the first page).
      if (reloadOnce(pendingPath ?? window.location.pathname + window.location.search))
        return new Promise<never>(() => {})
      throw new PageLoadError(err)
    }
  }
}

let pendingPath: string | null = null
/** The router tells where it is going (see router.tsx), so a failed page reloads at its own address. */
export function setPendingPath(path: string | null) {
  pendingPath = path
}
