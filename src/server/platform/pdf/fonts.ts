import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument, PDFFont } from 'pdf-lib'

const require = createRequire(import.meta.url)
// TTF (not WOFF): embedded and subset, so accents render in any reader.
const REGULAR = readFileSync(require.resolve('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf'))
const BOLD = readFileSync(require.resolve('@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf'))

/** Roboto regular and bold, embedded as subsets in `doc` (every document Cadastra draws uses them). */
export async function embedRoboto(doc: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont }> {
  doc.registerFontkit(fontkit)
  return {
    regular: await doc.embedFont(REGULAR, { subset: true }),
    bold: await doc.embedFont(BOLD, { subset: true }),
  }
}
