// Moving through a page by keyboard alone, as someone without a mouse does: Tab until the focus is
// where it should be, checking at every stop that the focus can be seen.
import type { Page } from 'playwright-core'

export type FocusStop = { element: string; indicator: string | null }

/** The focused element, described for a failure message, and why its focus is not visible (null when it is). */
export function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element || element === document.body) return { element: 'body', indicator: null }
    const label = element.getAttribute('aria-label') ?? element.getAttribute('data-testid') ?? element.textContent?.trim().slice(0, 40) ?? ''
    const description = `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> ${label}`
    const style = getComputedStyle(element)
    // WCAG 2.4.7 (focus visible) and 1.4.11 (3:1 for the indicator against the white page).
    const luminance = (color: string) => {
      const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
        const s = Number(c) / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }) as [number, number, number]
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const contrastOnWhite = (color: string) => 1.05 / (luminance(color) + 0.05)
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
      const ratio = contrastOnWhite(style.outlineColor)
      return { element: description, indicator: ratio >= 3 ? null : `outline ${style.outlineColor} has contrast ${ratio.toFixed(2)}:1` }
    }
    if (style.boxShadow !== 'none') {
      const ratio = contrastOnWhite(style.boxShadow)
      return { element: description, indicator: ratio >= 3 ? null : `box-shadow ${style.boxShadow} has contrast ${ratio.toFixed(2)}:1` }
    }
    return { element: description, indicator: 'no outline or box-shadow' }
  })
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses
 * or at a stop whose focus cannot be seen. Returns the elements passed on the way.
 */
export async function tabTo(page: Page, selector: string, options: { max?: number; backwards?: boolean } = {}): Promise<string[]> {
  const { max = 80, backwards = false } = options
  const path: string[] = []
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const stop = await focusStop(page)
    path.push(stop.element)
    if (stop.indicator) throw new Error(`the focus on ${stop.element} is not visible: ${stop.indicator}`)
    if (await focusIsOn(page, selector)) return path
  }
  throw new Error(`no ${selector} after ${max} × ${backwards ? 'Shift+Tab' : 'Tab'}; passed:\n  ${path.join('\n  ')}`)
}

/** True once the focused element matches `selector`. */
export const focusIsOn = (page: Page, selector: string) => page.evaluate((s) => !!document.activeElement?.matches(s), selector)
