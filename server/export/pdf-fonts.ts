// The PDF's fonts: Roboto for the text, Noto for the scripts Roboto lacks (Arabic, Hebrew, emoji and
// symbols). pdfmake has no font fallback, so texts are split into runs, each with a font that has its
// glyphs. pdfkit embeds only fonts a run uses, subset to the glyphs used: a paper without such
// characters gives the same bytes as before.
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'

const require = createRequire(import.meta.url)
const robotoDir = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'))
const noto = (family: string, weight: string) => require.resolve(`@expo-google-fonts/${family}/${weight}/${family.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}_${weight}.ttf`)
const notoFamily = (family: string) => {
  const regular = noto(family, '400Regular')
  const bold = noto(family, '700Bold')
  // The Noto families have no italics: upright glyphs beat missing ones.
  return { normal: regular, bold, italics: regular, bolditalics: bold }
}

export const pdfFonts = {
  Roboto: {
    normal: path.join(robotoDir, 'Roboto-Regular.ttf'),
    bold: path.join(robotoDir, 'Roboto-Medium.ttf'),
    italics: path.join(robotoDir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(robotoDir, 'Roboto-MediumItalic.ttf'),
  },
  NotoSansArabic: notoFamily('noto-sans-arabic'),
  NotoSansHebrew: notoFamily('noto-sans-hebrew'),
  NotoEmoji: notoFamily('noto-emoji'),
}

/** Only these files may be read while rendering. */
export const fontFiles: ReadonlySet<string> = new Set(Object.values(pdfFonts).flatMap((family) => Object.values(family).map((file) => path.resolve(file))))

type FallbackFont = 'NotoSansArabic' | 'NotoSansHebrew' | 'NotoEmoji'

function fallbackFontOf(codePoint: number): FallbackFont | null {
  if ((codePoint >= 0x0600 && codePoint <= 0x08ff) || (codePoint >= 0xfb50 && codePoint <= 0xfdff) || (codePoint >= 0xfe70 && codePoint <= 0xfeff)) return 'NotoSansArabic'
  if ((codePoint >= 0x0590 && codePoint <= 0x05ff) || (codePoint >= 0xfb1d && codePoint <= 0xfb4f)) return 'NotoSansHebrew'
  if ((codePoint >= 0x1f000 && codePoint <= 0x1faff) || (codePoint >= 0x2600 && codePoint <= 0x27bf) || (codePoint >= 0x2b00 && codePoint <= 0x2bff)) return 'NotoEmoji'
  return null
}

/** Characters that belong to the run before them: the joiners, selectors and skin tones of emoji. */
const joinsPrevious = (char: string) => /[\u200D\uFE0E\uFE0F\u20E3]/.test(char) || (char.codePointAt(0)! >= 0x1f3fb && char.codePointAt(0)! <= 0x1f3ff)

const fallbackChar = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u2600-\u27BF\u2B00-\u2BFF]|[\uD83C-\uD83E][\uDC00-\uDFFF]/

/** The text as runs of one font each; null when Roboto has every character (nothing to change). */
export function fontRuns(text: string): { text: string; font?: FallbackFont }[] | null {
  if (!fallbackChar.test(text)) return null
  const runs: { text: string; font?: FallbackFont }[] = []
  for (const char of text) {
    const last = runs.at(-1)
    const font = fallbackFontOf(char.codePointAt(0)!) ?? undefined
    if (last && (last.font === font || joinsPrevious(char))) last.text += char
    else runs.push(font ? { text: char, font } : { text: char })
  }
  // Spaces stay in Roboto: inside a right-to-left run they would be laid out at its other end.
  return runs
}

// pdfmake's content types are a wide union; the walk only looks at `text` and the container keys.
type Node = unknown
type Loose = Record<string, unknown>
const runsAsText = (runs: { text: string; font?: FallbackFont }[]) => runs.map((run) => (run.font ? run : run.text))

/** One inline (a string or a styled piece of a text array) as inlines with fallback fonts. */
function inline(node: Node): Node[] {
  if (typeof node === 'string') return fontRuns(node) ? runsAsText(fontRuns(node)!) : [node]
  if (typeof node !== 'object' || node === null || !('text' in node)) return [node]
  const { text } = node as Loose
  if (typeof text === 'string') {
    const runs = fontRuns(text)
    return runs ? runs.map((run) => ({ ...node, ...run })) : [node]
  }
  return [{ ...node, text: (text as Node[]).flatMap(inline) }]
}

/** A content tree with fallback fonts set where Roboto lacks glyphs. */
export function withFallbackFonts(node: Node): Node {
  if (typeof node === 'string') {
    const runs = fontRuns(node)
    return runs ? { text: runsAsText(runs) } : node
  }
  if (Array.isArray(node)) return node.map(withFallbackFonts)
  if (typeof node !== 'object' || node === null) return node
  const copy: Loose = { ...node }
  if ('text' in copy) {
    copy.text = typeof copy.text === 'string' ? (fontRuns(copy.text) ? runsAsText(fontRuns(copy.text)!) : copy.text) : (copy.text as Node[]).flatMap(inline)
    return copy
  }
  for (const key of ['stack', 'columns', 'ul', 'ol'] as const) if (key in copy) copy[key] = withFallbackFonts(copy[key])
  if ('table' in copy) {
    const table = copy.table as { body: Node[][] }
    copy.table = { ...table, body: table.body.map((row) => row.map(withFallbackFonts)) }
  }
  return copy
}

/** The whole definition, header and footer included, with fallback fonts. */
export function definitionWithFallbackFonts(definition: TDocumentDefinitions): TDocumentDefinitions {
  const { header, footer } = definition
  return {
    ...definition,
    content: withFallbackFonts(definition.content) as Content,
    header: typeof header === 'function' ? (...args: Parameters<typeof header>) => withFallbackFonts(header(...args) as Content) as Content : header,
    footer: typeof footer === 'function' ? (...args: Parameters<typeof footer>) => withFallbackFonts(footer(...args) as Content) as Content : footer,
  }
}
