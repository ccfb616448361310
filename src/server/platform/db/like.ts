import { type AnyColumn, type SQL, sql } from 'drizzle-orm'

/**
 * A LIKE/ILIKE pattern that finds `text` anywhere, with the user's own % and _ taken literally.
 * Pass `lower` when the column side is compared with lower(...).
 */
export function containsPattern(text: string, opts: { lower?: boolean } = {}): string {
  const value = opts.lower ? text.toLowerCase() : text
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

const ACCENTED = 'ÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑáàâãäéèêëíìîïóòôõöúùûüçñ'
const PLAIN = 'AAAAAEEEEIIIIOOOOOUUUUCNaaaaaeeeeiiiiooooouuuucn'

/** "Março" → "marco": lower case without accents, as `foldedContains` compares. */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/**
 * `column` contains `text`, ignoring case and Portuguese accents on both sides ("marco" finds
 * "Holerite Março.pdf"). The SQL side folds with translate() rather than unaccent, which PGlite lacks.
 */
export function foldedContains(column: AnyColumn | SQL, text: string): SQL {
  return sql`lower(translate(${column}, ${ACCENTED}, ${PLAIN})) like ${containsPattern(foldAccents(text))}`
}
