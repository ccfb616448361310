/**
 * A LIKE/ILIKE pattern that finds `text` anywhere, with the user's own % and _ taken literally.
 * Pass `lower` when the column side is compared with lower(...).
 */
export function containsPattern(text: string, opts: { lower?: boolean } = {}): string {
  const value = opts.lower ? text.toLowerCase() : text
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
