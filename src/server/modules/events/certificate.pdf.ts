import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib'
import QRCode from 'qrcode'
import { formatDate, formatHours, formatPeriod } from '#shared/format.ts'
import { embedRoboto } from '../../platform/pdf/fonts.ts'

export type CertificateSpec = {
  tenantName: string
  participantName: string
  cpfMasked: string
  eventDescription: string
  startsAt: Date
  endsAt: Date
  workloadHours: number
  signerName: string
  code: string
  verifyUrl: string
  issuedAt: Date
  version: number
  /** The tenant's logo (PNG); without one, a monogram of its name. */
  logoPng?: Buffer | null
}

/** A4 landscape: points. */
const W = 841.89
const H = 595.28
const BLUE = rgb(0.11, 0.49, 0.84)
const INK = rgb(0.13, 0.15, 0.17)
const MUTED = rgb(0.45, 0.48, 0.52)

/** The certificate of participation: one page, fonts embedded, QR code to the verification page. */
export async function renderCertificatePdf(c: CertificateSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const { regular, bold } = await fontsFor(doc, [
    c.tenantName,
    c.participantName,
    c.eventDescription,
    c.signerName,
    c.verifyUrl,
  ])
  doc.setTitle(`Certificado — ${c.eventDescription}`)
  doc.setAuthor(c.tenantName)
  doc.setProducer('Cadastra')
  doc.setCreator('Cadastra')
  doc.setSubject(`Código de verificação ${c.code}`)
  const page = doc.addPage([W, H])

  page.drawRectangle({ x: 24, y: 24, width: W - 48, height: H - 48, borderColor: BLUE, borderWidth: 3 })
  page.drawRectangle({ x: 32, y: 32, width: W - 64, height: H - 64, borderColor: BLUE, borderWidth: 0.75 })

  // The issuer's mark: its logo, or its initials in a circle; the name beside it.
  if (c.logoPng) {
    const logo = await doc.embedPng(c.logoPng)
    const scale = Math.min(52 / logo.width, 52 / logo.height)
    const w = logo.width * scale
    const h = logo.height * scale
    page.drawImage(logo, { x: 86 - w / 2, y: H - 86 - h / 2, width: w, height: h })
  } else {
    const initials = c.tenantName
      .split(/\s+/)
      .filter((w) => w.length > 2)
      .slice(0, 2)
      .map((w) => w[0].toUpperCase())
      .join('')
    page.drawCircle({ x: 86, y: H - 86, size: 26, color: BLUE })
    const iw = bold.widthOfTextAtSize(initials, 18)
    page.drawText(initials, { x: 86 - iw / 2, y: H - 92, size: 18, font: bold, color: rgb(1, 1, 1) })
  }
  page.drawText(c.tenantName, { x: 124, y: H - 92, size: 14, font: bold, color: INK })

  const center = (text: string, y: number, font: PDFFont, size: number, color = INK) => {
    const w = font.widthOfTextAtSize(text, size)
    page.drawText(text, { x: (W - w) / 2, y, size, font, color })
  }
  center('CERTIFICADO', H - 170, bold, 40, BLUE)
  center('de participação', H - 196, regular, 16, MUTED)

  const body =
    `Certificamos que ${c.participantName}, CPF ${c.cpfMasked}, participou do evento ` +
    `"${c.eventDescription}", realizado em ${formatPeriod(c.startsAt, c.endsAt)}, ` +
    `com carga horária de ${formatHours(c.workloadHours)}.`
  let y = H - 250
  for (const line of wrap(body, regular, 16, W - 220)) {
    center(line, y, regular, 16)
    y -= 24
  }

  // Signature line.
  const sigY = 150
  page.drawLine({
    start: { x: W / 2 - 140, y: sigY },
    end: { x: W / 2 + 140, y: sigY },
    thickness: 0.8,
    color: INK,
  })
  center(c.signerName, sigY - 16, bold, 12)
  center(c.tenantName, sigY - 31, regular, 10, MUTED)

  // Verification: QR code and code at the bottom right, issue date at the bottom left.
  drawQr(page, c.verifyUrl, W - 48 - 92, 52, 92)
  const right = (text: string, yy: number, font: PDFFont, size: number) => {
    const w = font.widthOfTextAtSize(text, size)
    page.drawText(text, { x: W - 48 - 100 - w, y: yy, size, font, color: MUTED })
  }
  right(`Código de verificação: ${c.code}`, 96, bold, 9)
  right(c.verifyUrl, 82, regular, 8)
  page.drawText(`Emitido em ${formatDate(c.issuedAt)}${c.version > 1 ? ` (versão ${c.version})` : ''}`, {
    x: 56,
    y: 60,
    size: 9,
    font: regular,
    color: MUTED,
  })
  return doc.save()
}

/**
 * Helvetica (built into every PDF reader: nothing to embed) covers Portuguese; a name or title
 * outside its character set (e.g. "Łukasz", "Nguyễn") gets the embedded Roboto.
 */
async function fontsFor(doc: PDFDocument, texts: string[]): Promise<{ regular: PDFFont; bold: PDFFont }> {
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  try {
    for (const t of texts) {
      regular.encodeText(t)
      bold.encodeText(t)
    }
    return { regular, bold }
  } catch {
    return embedRoboto(doc)
  }
}

/** The QR code as vector squares (sharp at any zoom, no PNG to encode and embed). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const quiet = 1
  const cell = size / (n + 2 * quiet)
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) })
  let path = ''
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(r, col)) path += `M${col + quiet} ${r + quiet}h1v1h-1z`
    }
  }
  // drawSvgPath: y grows downwards from the given origin (the top-left corner).
  page.drawSvgPath(path, { x, y: y + size, scale: cell, color: rgb(0, 0, 0), borderWidth: 0 })
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word
    if (font.widthOfTextAtSize(next, size) <= maxWidth || !line) line = next
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines
}
