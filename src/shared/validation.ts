import { z } from 'zod'

// pt-BR messages for every zod schema, on the server and in the browser.
z.config(z.locales.ptBR())

export { z }

/** Field schemas reused by the request schemas of every module and by the web forms. */
export const Uuid = z.uuid({ error: 'Identificador inválido.' })
export const Email = z
  .string({ error: 'Informe o e-mail.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'E-mail longo demais.' })
  .pipe(z.email({ error: 'E-mail inválido.' }))
export const PersonName = z
  .string({ error: 'Informe o nome.' })
  .trim()
  .min(2, { error: 'Informe o nome completo.' })
  .max(200, { error: 'Nome longo demais (máximo de 200 caracteres).' })
export const Page = z.coerce.number({ error: 'Página inválida.' }).int().min(1).max(100_000).default(1)
export const PageSize = z.coerce
  .number({ error: 'Tamanho de página inválido.' })
  .int()
  .min(1)
  .max(200)
  .default(20)
export const SearchText = z.string().trim().max(200, { error: 'Busca longa demais.' }).optional()
/** A YYYY-MM-DD or full ISO date in a query string. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, { error: 'Data inválida (use AAAA-MM-DD).' })

export const Paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })

/** The error body every endpoint returns. */
export const ApiErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
})
export type ApiErrorBody = z.infer<typeof ApiErrorBody>
