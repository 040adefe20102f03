// The allow-list of rich text shared by the editor's schema (shared/rich-text.ts) and the server's
// update guard: link schemes, attribute values, nesting depth and block length.

/** Link targets people can follow safely: never script, data or file URLs. */
export const allowedLinkSchemes: readonly string[] = ['http:', 'https:', 'mailto:']
export const maxHrefLength = 2000

/** Whether a link target may be stored and rendered as a link (http(s) or mailto only). */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > maxHrefLength) return false
  const value = href.trim()
  // Browsers drop tabs and newlines inside a scheme ("java\tscript:"); so does this check.
  if (/[\u0000-\u001f\u007f]/.test(value)) return false
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  if (scheme === undefined) return false
  if (!allowedLinkSchemes.includes(`${scheme}:`)) return false
  return scheme === 'mailto' || /^https?:\/\/[^/\s]/i.test(value)
}

/** Element nesting below the fragment that any real text needs (a list in a list in a table …). */
export const maxRichTextDepth = 24
/** Characters in one paragraph, heading or cell: far above a real one, far below a layout breaker. */
export const maxTextBlockLength = 10_000

const isInteger = (min: number, max: number) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/** The attributes each node type may carry, with the values each may take. */
export const nodeAttributeRules: Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>> = {
  heading: { level: isInteger(1, 3) },
  ordered_list: { order: isInteger(0, 1_000_000) },
}

/** The marks text may carry, with the attributes each may hold. */
export const markAttributeRules: Readonly<Record<string, Readonly<Record<string, (value: unknown) => boolean>>>> = {
  strong: {},
  em: {},
  link: { href: isSafeHref },
}

/** Throws (for ProseMirror's attribute `validate`) when a value breaks the rule. */
export const attributeValidator = (rule: (value: unknown) => boolean, what: string) => (value: unknown) => {
  if (!rule(value)) throw new RangeError(`invalid ${what}`)
}
