// German display and input of numbers, money and dates (0,5 · 1.151 · 16.271.218,33 € · 31.12.2021).

/** Shown for an empty value (a null finance cell, an open cost). */
export const emptyCell = '–'
/** Between an amount and its unit: no line break inside "16.271.218,33 €". */
export const unitSpace = '\u00a0'

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
}

/**
 * `0.5 → '0,5'`, `1151 → '1.151'`. Trailing zeros go unless `minDecimals` keeps them.
 * Deterministic (no Intl), so server export and browser agree byte for byte.
 */
export function formatNumber(value: number, options: { maxDecimals?: number; minDecimals?: number } = {}): string {
  const { maxDecimals = 3, minDecimals = 0 } = options
  if (!Number.isFinite(value)) return emptyCell
  const fixed = Math.abs(value).toFixed(maxDecimals)
  let [whole = '0', fraction = ''] = fixed.split('.')
  fraction = fraction.replace(/0+$/, '').padEnd(minDecimals, '0')
  const negative = value < 0 && /[1-9]/.test(whole + fraction)
  return `${negative ? '-' : ''}${group(whole)}${fraction ? `,${fraction}` : ''}`
}

/** A number or '–' for null: finance cells, optional costs. */
export const formatOptionalNumber = (value: number | null | undefined, options?: Parameters<typeof formatNumber>[1]): string =>
  value === null || value === undefined ? emptyCell : formatNumber(value, options)

/** `16271218.33 → '16.271.218,33 €'` (always two decimals, non-breaking space before €). */
export const formatEuro = (value: number): string => `${formatNumber(value, { maxDecimals: 2, minDecimals: 2 })}${unitSpace}€`

/** `'2021-12-31' → '31.12.2021'`; anything that is not an ISO date comes back unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso
}

/**
 * German number input: `'0,5' → 0.5`, `'1.151' → 1151`, `'16.271.218,33 €' → 16271218.33`.
 * A lone dot that is not a thousands separator (`'1.5'`) is read as a decimal point, as people
 * paste English numbers too. Returns null for empty or unreadable input.
 */
export function parseGermanNumber(input: string): number | null {
  let s = input.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|EUR|TEUR)$/i, '').replace(/^\+/, '')
  s = s.replace(/^[−–]/, '-') // typographic minus signs
  if (!/^-?[\d.,]+$/.test(s)) return null
  const negative = s.startsWith('-')
  if (negative) s = s.slice(1)
  let normalized: string
  if (s.includes(',')) {
    const [whole = '', fraction = '', extra] = s.split(',')
    if (extra !== undefined || !/^\d+$/.test(fraction)) return null
    if (!isGroupedOrPlain(whole)) return null
    normalized = `${whole.replace(/\./g, '')}.${fraction}`
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    normalized = s.replace(/\./g, '')
  } else if (/^\d*\.?\d+$/.test(s) || /^\d+$/.test(s)) {
    normalized = s
  } else return null
  const value = Number(normalized)
  return Number.isFinite(value) ? (negative ? -value : value) + 0 : null
}

const isGroupedOrPlain = (whole: string): boolean => /^\d+$/.test(whole) || /^\d{1,3}(\.\d{3})+$/.test(whole) || whole === ''

/** `'31.12.2021' → '2021-12-31'` (also `1.7.2021`); null unless it is a real date. */
export function parseGermanDate(input: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(input)
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** FTE the German way, always with at least one decimal: `1 → '1,0'`, `0.5 → '0,5'`. */
export const formatFte = (fte: number): string => formatNumber(fte, { maxDecimals: 3, minDecimals: 1 })
