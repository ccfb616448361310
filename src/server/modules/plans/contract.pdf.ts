import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import { embedRoboto } from '../../platform/pdf/fonts.ts'

export type ContractPdfSpec = {
  title: string
  tenantName: string
  /** The rendered contract text: a blank line starts a new paragraph, a single newline breaks the line. */
  body: string
  contractNumber: string
  /** Names under the two signature lines, e.g. the provider's and the client's. */
  signatures: [string, string]
}

/** A4 portrait, in points. */
const W = 595.28
const H = 841.89
const MARGIN = 56
const TEXT_WIDTH = W - 2 * MARGIN
const TOP = H - MARGIN - 8
const BOTTOM = MARGIN + 8
const INK = rgb(0.13, 0.15, 0.17)
const MUTED = rgb(0.45, 0.48, 0.52)
const RULE = rgb(0.8, 0.8, 0.8)

const BODY_SIZE = 10.5
const BODY_LEADING = 15
const PARAGRAPH_GAP = 7
const TITLE_SIZE = 15

/**
 * The printable contract: a header on every page (provider, contract number), the title, the text
 * in paragraphs (clause headings in bold), two signature lines and "Página N de M" in the footer.
 */
export async function renderContractPdf(spec: ContractPdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const { regular, bold } = await embedRoboto(doc)
  doc.setTitle(clean(spec.title))
  doc.setAuthor(clean(spec.tenantName))
  doc.setSubject(`Contrato nº ${clean(spec.contractNumber)}`)
  doc.setProducer('Cadastra')
  doc.setCreator('Cadastra')

  let page: PDFPage = doc.addPage([W, H])
  let y = TOP
  const newPage = () => {
    page = doc.addPage([W, H])
    y = TOP
  }
  /** Starts a new page unless `height` still fits above the bottom margin. */
  const ensure = (height: number) => {
    if (y - height < BOTTOM) newPage()
  }

  // Title, centred.
  for (const line of wrap(clean(spec.title), bold, TITLE_SIZE, TEXT_WIDTH)) {
    const w = bold.widthOfTextAtSize(line, TITLE_SIZE)
    page.drawText(line, { x: (W - w) / 2, y: y - TITLE_SIZE, size: TITLE_SIZE, font: bold, color: INK })
    y -= TITLE_SIZE + 6
  }
  y -= 14

  // Paragraphs.
  for (const paragraph of paragraphs(spec.body)) {
    const lines = paragraph.map((text) => ({ text, font: isHeading(text) ? bold : regular }))
    const first = lines[0]
    // A heading keeps company with the first lines that follow it.
    if (first && first.font === bold) ensure(BODY_LEADING * 3)
    for (const { text, font } of lines) {
      for (const line of wrap(text, font, BODY_SIZE, TEXT_WIDTH)) {
        ensure(BODY_LEADING)
        page.drawText(line, { x: MARGIN, y: y - BODY_SIZE, size: BODY_SIZE, font, color: INK })
        y -= BODY_LEADING
      }
    }
    y -= PARAGRAPH_GAP
  }

  // Signatures: two lines side by side, the names centred under them.
  const gutter = 36
  const columnWidth = (TEXT_WIDTH - gutter) / 2
  const nameLines = spec.signatures.map((name) => wrap(clean(name), regular, 10, columnWidth))
  const nameHeight = Math.max(...nameLines.map((l) => l.length)) * 13
  ensure(56 + nameHeight)
  y -= 48
  nameLines.forEach((lines, i) => {
    const x = MARGIN + i * (columnWidth + gutter)
    page.drawLine({ start: { x, y }, end: { x: x + columnWidth, y }, thickness: 0.8, color: INK })
    let ly = y - 14
    for (const line of lines) {
      const w = regular.widthOfTextAtSize(line, 10)
      page.drawText(line, { x: x + (columnWidth - w) / 2, y: ly, size: 10, font: regular, color: INK })
      ly -= 13
    }
  })

  // Header and footer on every page, now that the page count is known.
  const pages = doc.getPages()
  const header = `Contrato nº ${clean(spec.contractNumber)}`
  const headerWidth = bold.widthOfTextAtSize(header, 9)
  const tenant = fit(clean(spec.tenantName), regular, 9, TEXT_WIDTH - headerWidth - 24)
  pages.forEach((p, i) => {
    p.drawText(tenant, { x: MARGIN, y: H - 36, size: 9, font: regular, color: MUTED })
    p.drawText(header, { x: W - MARGIN - headerWidth, y: H - 36, size: 9, font: bold, color: MUTED })
    p.drawLine({
      start: { x: MARGIN, y: H - 42 },
      end: { x: W - MARGIN, y: H - 42 },
      thickness: 0.5,
      color: RULE,
    })
    const footer = `Página ${i + 1} de ${pages.length}`
    const w = regular.widthOfTextAtSize(footer, 8)
    p.drawText(footer, { x: (W - w) / 2, y: 30, size: 8, font: regular, color: MUTED })
  })
  return doc.save()
}

/** Tabs become spaces; other control characters (no glyph in the font) are dropped. */
function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/\t/g, '    ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

/** Paragraphs (separated by blank lines) as lists of lines (separated by single newlines). */
function paragraphs(body: string): string[][] {
  return clean(body.replace(/\r\n?/g, '\n'))
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== ''),
    )
    .filter((p) => p.length > 0)
}

/** 'CLÁUSULA …' lines and lines written in capitals ('DAS PARTES') are headings. */
function isHeading(line: string): boolean {
  const text = line.trim()
  if (/^CL[ÁA]USULA/.test(text)) return true
  return /\p{Lu}.*\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text)
}

/** Widths of words at size 1, per font: fontkit lays out each string, which is slow for long texts. */
const widthCache = new WeakMap<PDFFont, Map<string, number>>()

function widthOf(font: PDFFont, text: string, size: number): number {
  let cache = widthCache.get(font)
  if (!cache) {
    cache = new Map()
    widthCache.set(font, cache)
  }
  let width = cache.get(text)
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1)
    cache.set(text, width)
  }
  return width * size
}

/**
 * Word wrap to `maxWidth`, measuring word by word (kerning between words is ignored); a word
 * longer than the line is broken by characters. Leading spaces of the line are kept on its first row.
 */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const indent = /^\s*/.exec(text)?.[0] ?? ''
  const words = text.trim().split(/\s+/).filter(Boolean)
  const space = widthOf(font, ' ', size)
  const out: string[] = []
  let line = indent
  let width = indent ? widthOf(font, indent, size) : 0
  let empty = true
  for (const word of words) {
    const w = widthOf(font, word, size)
    if (width + (empty ? 0 : space) + w <= maxWidth) {
      line = empty ? `${line}${word}` : `${line} ${word}`
      width += (empty ? 0 : space) + w
      empty = false
      continue
    }
    if (!empty) out.push(line)
    if (w <= maxWidth) {
      line = word
      width = w
      continue
    }
    // Too long even on its own row: break it by characters.
    let chunk = ''
    let chunkWidth = 0
    for (const char of word) {
      const cw = widthOf(font, char, size)
      if (chunk && chunkWidth + cw > maxWidth) {
        out.push(chunk)
        chunk = ''
        chunkWidth = 0
      }
      chunk += char
      chunkWidth += cw
    }
    line = chunk
    width = chunkWidth
    empty = false
  }
  if (!empty) out.push(line)
  return out
}

/** The text cut with '…' to fit `maxWidth`. */
function fit(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text
  let n = text.length
  while (n > 1 && font.widthOfTextAtSize(`${text.slice(0, n)}…`, size) > maxWidth) n--
  return `${text.slice(0, n).trimEnd()}…`
}
