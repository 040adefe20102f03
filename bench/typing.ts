// Typing latency with three people on one proposal, each in their own browser page: from a keystroke
// to the frame that shows it on the typist's own screen, and on the two others' screens.
import type { Browser, Page } from 'playwright-core'
import { signedInContext } from '../test/helpers/browser'
import type { ServerProcess } from '../test/helpers/server-process'
import { waitFor } from '../test/helpers/wait'
import { percentiles } from './measure'

/** Each typist's letter; a token is letter, number, `q` (e.g. `x12q`), so a page can tell whose word arrived. */
const typists = [
  { user: 'sozialamt.lead', letter: 'x' },
  { user: 'sozialamt.editor', letter: 'y' },
  { user: 'jobcenter.editor', letter: 'z' },
] as const
/** Between keystrokes: about eight characters a second, a quick typist. */
const keyDelayMs = 120

type Probe = { keyQ: number[]; painted: Record<string, number> }

/**
 * Runs in every page before its scripts; a string, because tsx names functions with a helper the
 * page does not have. Times are absolute (timeOrigin + now), so pages of one browser on one machine
 * compare. A token counts as shown at the first animation frame after the mutation that completed it.
 */
const probeScript = `(() => {
  const probe = { keyQ: [], painted: {} }
  window.typingProbe = probe
  const seen = new Set()
  document.addEventListener('keydown', (event) => {
    if (event.key === 'q') probe.keyQ.push(performance.timeOrigin + event.timeStamp)
  }, true)
  const scan = () => {
    const editor = document.querySelector('[data-testid="body-editor"]')
    if (!editor) return
    const fresh = []
    for (const match of (editor.textContent || '').matchAll(/([xyz]\\d+)q/g)) {
      if (!seen.has(match[1])) { seen.add(match[1]); fresh.push(match[1]) }
    }
    if (fresh.length) requestAnimationFrame(() => {
      const now = performance.timeOrigin + performance.now()
      for (const token of fresh) probe.painted[token] = now
    })
  }
  new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true })
})()`

const editorText = (page: Page) => page.getByTestId('body-editor').textContent()

export async function typingLatency(browser: Browser, server: ServerProcess, id: string, leadCookie: string, tokens: number) {
  // The third typist's department takes part, so its editor may write.
  const involve = await fetch(`${server.url}/api/proposals/${id}/departments`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: leadCookie, origin: server.url },
    body: JSON.stringify({ departments: [{ departmentId: 'jobcenter' }] }),
  })
  if (!involve.ok) throw new Error(`involving jobcenter failed: ${involve.status} ${await involve.text()}`)

  const pages: Page[] = []
  const contexts = await Promise.all(typists.map((t) => signedInContext(browser, server.url, t.user)))
  try {
    for (const context of contexts) {
      const page = await context.newPage()
      await page.addInitScript(probeScript)
      await page.goto(`/p/${id}`)
      await page.locator('[data-testid="board"][data-ready="true"][data-can-edit="true"]').waitFor({ timeout: 30_000 })
      pages.push(page)
    }
    // Each typist gets a paragraph of their own at the end, one after the other, seen by everyone.
    for (const [i, typist] of typists.entries()) {
      const page = pages[i]!
      // Another paragraph per typist: their words never meet at one position.
      await page.getByTestId('body-editor').locator('p').nth(2 * i).click()
      await page.keyboard.press('End')
      await page.keyboard.press('Enter')
      await page.keyboard.type(`${typist.letter}-`)
      await waitFor(async () => (await Promise.all(pages.map(editorText))).every((text) => text?.includes(`${typist.letter}-`)), {
        timeoutMs: 20_000,
        intervalMs: 25,
        what: `${typist.letter}'s paragraph everywhere`,
      })
    }
    await Promise.all(
      typists.map(async (typist, i) => {
        for (let n = 0; n < tokens; n++) await pages[i]!.keyboard.type(`${typist.letter}${n}q `, { delay: keyDelayMs })
      }),
    )
    const probes = async () => Promise.all(pages.map((page) => page.evaluate(() => (window as unknown as { typingProbe: Probe }).typingProbe)))
    await waitFor(async () => (await probes()).every((probe) => Object.keys(probe.painted).length === typists.length * tokens), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: 'every token on every screen',
    }).catch(async (error) => {
      const seen = (await probes()).map((probe, i) => `${typists[i]!.user}: ${Object.keys(probe.painted).sort().join(' ')}`)
      const texts = (await Promise.all(pages.map(editorText))).map((text) => [...(text ?? '').matchAll(/[xyz]-.{0,200}/g)].map((m) => m[0]).join(' | '))
      throw new Error(`${(error as Error).message}\n${seen.join('\n')}\n${texts.join('\n')}`)
    })
    const all = await probes()
    const own: number[] = []
    const others: number[] = []
    for (const [i, typist] of typists.entries()) {
      const keys = all[i]!.keyQ
      if (keys.length !== tokens) throw new Error(`${typist.user}: ${keys.length} q keystrokes recorded, expected ${tokens}`)
      for (let n = 0; n < tokens; n++) {
        const token = `${typist.letter}${n}`
        for (const [j, probe] of all.entries()) (j === i ? own : others).push(probe.painted[token]! - keys[n]!)
      }
    }
    // Remote cursors carry their owner's name inside the text: without them the three must read alike.
    const texts = await Promise.all(
      pages.map((page) =>
        page.getByTestId('body-editor').evaluate((editor) => {
          const copy = editor.cloneNode(true) as HTMLElement
          for (const cursor of copy.querySelectorAll('.ProseMirror-yjs-cursor')) cursor.remove()
          return copy.textContent
        }),
      ),
    )
    if (new Set(texts).size !== 1) throw new Error('the three pages did not converge on one text')
    return { own: percentiles(own), others: percentiles(others), keyDelayMs, tokensPerTypist: tokens }
  } finally {
    await Promise.all(contexts.map((context) => context.close()))
  }
}
