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
 * Reloads the page (at `path`, the address on screen) once: a tab opened before a new version was
 * deployed asks for files the server no longer has, and a reload brings the new ones. False when it
 * already did so in the last minute (the failure is not about versions: no reload loop).
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
  window.location.reload()
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
 * is on screen stays until then), then renders `render(Page)`. Code that cannot be fetched becomes a
 * PageLoadError for the route's error page, which loads the address in full once (RouteError).
 */
export function lazyRoute<C>(load: () => Promise<C>, render: (page: C) => ReactNode) {
  return async () => {
    try {
      return { element: render(await load()) }
    } catch (err) {
      throw new PageLoadError(err)
    }
  }
}
