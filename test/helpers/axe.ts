// Runs axe-core's WCAG 2.1 A/AA rules (what BITV 2.0 asks) in a page and describes each violation so a failure says what to fix.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, Result, RunOptions } from 'axe-core'

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
let axeSource: string | undefined

/** WCAG 2.0 and 2.1, levels A and AA: the standard BITV 2.0 refers to. */
export const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export type AxeViolation = { id: string; impact: string; help: string; targets: string[]; summary: string }

export type AxeCheckOptions = {
  /**
   * Nodes axe may not judge, each with the reason it is a false positive; a rule is never
   * switched off as a whole.
   */
  exclude?: { selector: string; why: string }[]
}

/** The page's WCAG 2.1 AA violations, each as "rule (impact): help — at selectors"; empty when there are none. */
export async function axeViolations(page: Page, options: AxeCheckOptions = {}): Promise<AxeViolation[]> {
  // The page's own realm keeps `axe` across checks of the same document; a navigation drops it. The
  // app's CSP (script-src 'self') refuses an inline <script>, so the script runs through the DevTools
  // protocol, which CSP does not govern: the page is checked with its real headers, none loosened.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate((source) => (0, eval)(source), (axeSource ??= fs.readFileSync(axeScript, 'utf8')))
  const exclude = (options.exclude ?? []).map((e) => e.selector)
  const runOptions: RunOptions = { runOnly: { type: 'tag', values: wcag21aa }, resultTypes: ['violations'] }
  const results = await page.evaluate(
    ({ excluded, run }) =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } }).axe.run(
        excluded.length > 0 ? { include: [['html']], exclude: excluded.map((s) => [s]) } : document,
        run,
      ),
    { excluded: exclude, run: runOptions },
  )
  return results.violations.map(describe)
}

function describe(violation: Result): AxeViolation {
  const targets = violation.nodes.map((node) => node.target.map(String).join(' >> '))
  const details = violation.nodes
    .slice(0, 5)
    .map((node) => `    ${node.target.map(String).join(' >> ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
  return {
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets,
    summary: `${violation.id} (${violation.impact}): ${violation.help} [${violation.helpUrl}]\n${details.join('\n')}`,
  }
}

/** The violations as one readable block, for an assertion message. */
export const axeReport = (violations: AxeViolation[]) => violations.map((v) => v.summary).join('\n')
