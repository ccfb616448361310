import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, api, type QueryParams, withQuery } from './api.ts'

export interface ApiQuery<T> {
  data: T | undefined
  error: ApiError | null
  /** True while a request is in flight (also during a reload, while `data` keeps the last result). */
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Loads `GET path?params` and reloads whenever the URL changes. Keeps the previous data while
 * the next page loads (no flicker in paginated tables) and ignores answers that arrive late.
 * Pass `null` as path to skip loading.
 */
export function useApiQuery<T>(path: string | null, params?: QueryParams): ApiQuery<T> {
  const url = path === null ? null : withQuery(path, params)
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(url !== null)
  const latest = useRef(0)

  const load = useCallback(async () => {
    if (url === null) return
    const ticket = ++latest.current
    setLoading(true)
    try {
      const result = await api.get<T>(url)
      if (ticket !== latest.current) return
      setData(result)
      setError(null)
    } catch (err) {
      if (ticket !== latest.current) return
      setError(
        err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', 'Algo deu errado. Tente novamente.'),
      )
    } finally {
      if (ticket === latest.current) setLoading(false)
    }
  }, [url])

  useEffect(() => {
    void load()
  }, [load])

  return { data, error, loading, reload: load }
}
