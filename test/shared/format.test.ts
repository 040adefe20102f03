import { describe, expect, it } from 'vitest'
import { emptyCell, formatDate, formatEuro, formatFte, formatNumber, formatOptionalNumber, parseGermanDate, parseGermanNumber } from '../../shared/format'

describe('German formatting', () => {
  it('formats numbers with a decimal comma and thousands dots', () => {
    expect(formatNumber(0.5)).toBe('0,5')
    expect(formatNumber(1151)).toBe('1.151')
    expect(formatNumber(16271218.33)).toBe('16.271.218,33')
    expect(formatNumber(-1234.5)).toBe('-1.234,5')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(-0.0001)).toBe('0')
    expect(formatNumber(1 / 3)).toBe('0,333')
    expect(formatNumber(2, { minDecimals: 2 })).toBe('2,00')
  })

  it('formats euros with two decimals and a non-breaking space before €', () => {
    expect(formatEuro(16271218.33)).toBe('16.271.218,33\u00a0€')
    expect(formatEuro(16271218.33).replace('\u00a0', ' ')).toBe('16.271.218,33 €')
    expect(formatEuro(65500)).toBe('65.500,00\u00a0€')
  })

  it('formats FTE with at least one decimal and empty cells as a dash', () => {
    expect(formatFte(1)).toBe('1,0')
    expect(formatFte(0.5)).toBe('0,5')
    expect(formatOptionalNumber(null)).toBe(emptyCell)
    expect(formatOptionalNumber(516)).toBe('516')
  })

  it('formats ISO dates as TT.MM.JJJJ', () => {
    expect(formatDate('2021-12-31')).toBe('31.12.2021')
    expect(formatDate('')).toBe('')
  })
})

describe('German input', () => {
  it('parses decimal commas and thousands dots', () => {
    expect(parseGermanNumber('0,5')).toBe(0.5)
    expect(parseGermanNumber('1.151')).toBe(1151)
    expect(parseGermanNumber('16.271.218,33 €')).toBe(16271218.33)
    expect(parseGermanNumber(' 290 ')).toBe(290)
    expect(parseGermanNumber('-12,5')).toBe(-12.5)
    expect(parseGermanNumber(',5')).toBe(0.5)
  })

  it('reads a lone dot that is no thousands separator as a decimal point', () => {
    expect(parseGermanNumber('1.5')).toBe(1.5)
    expect(parseGermanNumber('0.25')).toBe(0.25)
  })

  it('returns null for empty or unreadable input', () => {
    for (const input of ['', '–', 'abc', '1,2,3', '1.15,5', '1..5', '12a']) expect(parseGermanNumber(input)).toBeNull()
  })

  it('parses German dates into ISO dates and refuses impossible ones', () => {
    expect(parseGermanDate('31.12.2021')).toBe('2021-12-31')
    expect(parseGermanDate('1.7.2021')).toBe('2021-07-01')
    expect(parseGermanDate('29.02.2021')).toBeNull()
    expect(parseGermanDate('2021-12-31')).toBeNull()
  })
})
