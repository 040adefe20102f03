// Reads exported files back the way a recipient's software would: DOCX XML, PDF text and fonts.
import { unzipSync } from 'fflate'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { expect } from 'vitest'

export type DocxParts = { files: Record<string, Uint8Array>; xml(name: string): string; paragraphs: string[] }

const decodeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** The text of each `w:p` of an XML part, in document order (table cells are paragraphs too). */
export function wordParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => (t[1] === undefined ? '\t' : decodeXml(t[1]))).join(''),
  )
}

export function readDocx(bytes: Uint8Array): DocxParts {
  const files = unzipSync(bytes)
  const xml = (name: string) => {
    const file = files[name]
    if (!file) throw new Error(`no ${name} in the DOCX`)
    return new TextDecoder().decode(file)
  }
  return { files, xml, paragraphs: wordParagraphs(xml('word/document.xml')) }
}

export type PdfPage = { text: string; width: number; height: number }

/** Each page's text (lines joined by newlines) and size in points. */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const pages: PdfPage[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('')
      const [, , width, height] = page.view as [number, number, number, number]
      pages.push({ text, width, height })
    }
    return pages
  } finally {
    await pdf.destroy()
  }
}

/** Each page's lines as the PDF draws them (one text run each), in drawing order; blank runs left out. */
export async function readPdfLines(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const pages: string[][] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent()
      pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() ? [item.str.replace(/\u00a0/g, ' ').trim()] : [])))
    }
    return pages
  } finally {
    await pdf.destroy()
  }
}

/**
 * On how many consecutive lines `text` is drawn: lines joined by one space must give it back exactly,
 * so a word broken inside ("Ermächtigu" / "ng") is not found. 0 when it is not there as a whole.
 */
export function linesOf(lines: string[], text: string): number {
  const wanted = text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim()
  for (let start = 0; start < lines.length; start++) {
    let joined = ''
    for (let end = start; end < lines.length && joined.length < wanted.length; end++) {
      joined = joined ? `${joined} ${lines[end]}` : lines[end]!
      if (joined === wanted) return end - start + 1
      if (!wanted.startsWith(joined)) break
    }
  }
  return 0
}

/** Every needle occurs in `text`, each after the one before. */
export function expectInOrder(text: string, needles: string[]): void {
  let from = 0
  for (const needle of needles) {
    const at = text.indexOf(needle, from)
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0)
    from = at + needle.length
  }
}

/** The target of every link annotation in the PDF, page by page. */
export async function readPdfLinks(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const links: string[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const annotation of await (await pdf.getPage(n)).getAnnotations()) {
        if (annotation.subtype === 'Link') links.push(String(annotation.unsafeUrl ?? annotation.url ?? annotation.dest ?? ''))
      }
    }
    return links
  } finally {
    await pdf.destroy()
  }
}
