import { type AnyColumn, type SQL, sql } from 'drizzle-orm'

/**
 * A uuid[] literal ('{…}') sent as one parameter: a list of any length (a bound parameter per id
 * stops at 65,535). The ids come from the database, never from user input.
 */
export const uuidArray = (ids: string[]): string => `{${ids.join(',')}}`

/** `column = any('{…}'::uuid[])`: membership in a list of ids of any length. */
export function anyUuid(column: AnyColumn, ids: string[]): SQL {
  return sql`${column} = any(${uuidArray(ids)}::uuid[])`
}
