import { embedRoboto } from './fonts.ts'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'

export type PdfSection = { heading: string; rows?: [string, string][]; lines?: string[] }
export type PdfSpec = {
  title: string
  subtitle?: string
  header?: string
  sections: PdfSection[]
  footer?: string
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 48

/**
 * A simple A4 report (title, sections of label/value rows or lines), fonts embedded, text
 * wrapped, pages added as needed. Used for documents e-mailed by Cadastra (e.g. the ficha cadastral).
 */
export async function renderPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const { regular, bold } = await embedRoboto(doc)
  doc.setTitle(spec.title)
  doc.setProducer('Cadastra')
  doc.setCreator('Cadastra')

  let page = doc.addPage([A4.width, A4.height])
  let y = A4.height - MARGIN
  const width = A4.width - 2 * MARGIN
  const ensure = (h: number) => {
    if (y - h < MARGIN + 20) {
      page = doc.addPage([A4.width, A4.height])
      y = A4.height - MARGIN
    }
  }
  const write = (
    text: string,
    font: PDFFont,
    size: number,
    x = MARGIN,
    maxWidth = width,
    color = rgb(0.13, 0.15, 0.17),
  ) => {
    for (const line of wrap(text, font, size, maxWidth)) {
      ensure(size + 4)
      page.drawText(line, { x, y: y - size, size, font, color })
      y -= size + 4
    }
  }

  if (spec.header) write(spec.header, bold, 10, MARGIN, width, rgb(0.11, 0.49, 0.84))
  y -= 4
  write(spec.title, bold, 18)
  if (spec.subtitle) write(spec.subtitle, regular, 10, MARGIN, width, rgb(0.4, 0.42, 0.45))
  y -= 8
  for (const section of spec.sections) {
    ensure(40)
    y -= 6
    write(section.heading, bold, 12)
    line(page, y + 2, width)
    y -= 4
    for (const [label, value] of section.rows ?? []) {
      const before = y
      write(label, bold, 9, MARGIN, 150)
      const afterLabel = y
      y = before
      write(value || '—', regular, 9, MARGIN + 160, width - 160)
      y = Math.min(y, afterLabel)
    }
    for (const text of section.lines ?? []) write(text, regular, 9)
  }
  if (spec.footer) {
    for (const p of doc.getPages()) {
      p.drawText(spec.footer, {
        x: MARGIN,
        y: MARGIN - 20,
        size: 8,
        font: regular,
        color: rgb(0.5, 0.5, 0.5),
      })
    }
  }
  return doc.save()
}

function line(page: PDFPage, y: number, width: number) {
  page.drawLine({
    start: { x: MARGIN, y },
    end: { x: MARGIN + width, y },
    thickness: 0.5,
    color: rgb(0.8, 0.8, 0.8),
  })
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split('\n')) {
    let current = ''
    for (const word of paragraph.split(/\s+/)) {
      const candidate = current ? `${current} ${word}` : word
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !current) current = candidate
      else {
        out.push(current)
        current = word
      }
    }
    out.push(current)
  }
  return out
}
