/** The page envelope every paginated list endpoint returns. */
export interface Paged<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface ItemList<T> {
  items: T[]
}
