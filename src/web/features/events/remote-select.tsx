import { Select, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useMemo, useState } from 'react'
import type { QueryParams } from '../../shared/api.ts'
import type { Paged } from '../../shared/paged.ts'
import { useApiQuery } from '../../shared/use-api-query.ts'

export interface Option {
  value: string
  label: string
}

interface RemoteSelectProps<T>
  extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'> {
  value: string | null
  onChange: (value: string | null, option: Option | null) => void
  /** A paginated list endpoint that accepts `search`. */
  path: string
  params?: QueryParams
  toOption: (item: T) => Option
  /** Label of the current value when the loaded page may not contain it (edit, preselection). */
  valueLabel?: string | null
}

/**
 * A searchable select whose options come from the server (`path?search=…`), for lists too long
 * to load at once (clients, client users, events). Keeps the chosen option's label across searches.
 */
export function RemoteSelect<T>({
  value,
  onChange,
  path,
  params,
  toOption,
  valueLabel,
  ...props
}: RemoteSelectProps<T>) {
  const [search, setSearch] = useState('')
  const [known, setKnown] = useState<Record<string, string>>({})
  const currentLabel = value ? (known[value] ?? valueLabel ?? null) : null
  // The input shows the chosen label: do not search for it.
  const typed = search.trim() === (currentLabel ?? '').trim() ? '' : search.trim()
  const [debounced] = useDebouncedValue(typed, 250)
  const list = useApiQuery<Paged<T>>(path, { ...params, search: debounced, pageSize: 20 })

  const loaded = useMemo(() => (list.data?.items ?? []).map(toOption), [list.data, toOption])

  useEffect(() => {
    if (loaded.length === 0) return
    setKnown((current) => {
      const next = { ...current }
      for (const option of loaded) next[option.value] = option.label
      return next
    })
  }, [loaded])

  const data = useMemo(() => {
    const options = [...loaded]
    if (value && currentLabel && !options.some((o) => o.value === value)) {
      options.unshift({ value, label: currentLabel })
    }
    return options
  }, [loaded, value, currentLabel])

  return (
    <Select
      {...props}
      searchable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(next) => {
        const option = next ? (data.find((o) => o.value === next) ?? null) : null
        onChange(next, option)
      }}
      nothingFoundMessage={list.loading ? 'Carregando…' : 'Nada encontrado'}
      comboboxProps={{ withinPortal: true }}
    />
  )
}
