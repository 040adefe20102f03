// Remote edits for screen readers: while Jonas Weber types a long passage into the Begründung, the
// lead's board announces it in its one polite live region — naming person, department and field — a
// bounded number of times, never per keystroke and never as an alert.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bodyEditor, live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
/** client/src/board/edit-announcements.ts: the same person in the same field at most once per this. */
const announceEveryMs = 10_000

/**
 * Runs in the page: records every new text of every live region (what a screen reader would speak
 * unasked), ours as `heard`, all of them as `spoken`, and every alert that appears.
 */
function listen() {
  const live = '[role="status"], [role="log"], [role="alert"], [aria-live]:not([aria-live="off"])'
  const ours = document.querySelector('[data-testid="edit-announcements"]')!
  const last = new Map<Element, string>()
  for (const region of document.querySelectorAll(live)) last.set(region, region.textContent ?? '')
  const heard: string[] = []
  const spoken: string[] = []
  const alerts: string[] = []
  new MutationObserver(() => {
    for (const region of document.querySelectorAll(live)) {
      const now = region.textContent ?? ''
      if (now === (last.get(region) ?? '')) continue
      last.set(region, now)
      if (!now.trim()) continue
      if (region === ours) heard.push(now.trim())
      spoken.push(`${region.getAttribute('data-testid') ?? region.tagName}: ${now.trim()}`)
      if (region.matches('[role="alert"], [aria-live="assertive"]')) alerts.push(now.trim())
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['role', 'aria-live'] })
  Object.assign(window, { heard, spoken, alerts })
}

type Heard = { heard: string[]; spoken: string[]; alerts: string[] }
const heard = (page: Page) => page.evaluate(() => (window as unknown as Heard).heard)
const spoken = (page: Page) => page.evaluate(() => (window as unknown as Heard).spoken)
const alerts = (page: Page) => page.evaluate(() => (window as unknown as Heard).alerts)

describe('announcing remote edits to screen readers', () => {
  let world: BoardWorld
  useBoardWorld([lead, editor], (started) => (world = started))

  it("a colleague's long typing is announced politely, with name and field, a bounded number of times", async () => {
    const { id } = await world.createProposal({ title: 'Integrationsmanagement', template: 'integration-2022-2023' }, lead)
    const [listener, typist] = await Promise.all([world.open(lead, `/p/${id}`), world.open(editor, `/p/${id}`)])
    await Promise.all([untilSaved(listener), untilSaved(typist)])

    const region = listener.getByTestId('edit-announcements')
    expect(await region.getAttribute('role')).toBe('status')
    expect(await region.getAttribute('aria-live')).toBe('polite')
    await Promise.all([listener.evaluate(listen), typist.evaluate(listen)])

    // About a hundred keystrokes, each its own Yjs update on the lead's screen.
    const passage = ' Die Koordinierungsstelle berät die Träger vor Ort und bündelt die Angebote der Integrationsarbeit im Quartier.'
    expect(passage.length).toBeGreaterThanOrEqual(100)
    await bodyEditor(typist).click()
    await typist.keyboard.press('Control+End')
    const started = Date.now()
    await typist.keyboard.type(passage)
    await expect.poll(() => bodyEditor(listener).textContent(), live).toContain(passage.trim())
    const elapsed = Date.now() - started

    const announcements = await heard(listener)
    expect(announcements[0]).toBe('Jonas Weber (Sozialamt) bearbeitet Begründung')
    // At most one per person and field in each announcement window the typing lasted.
    expect(announcements.length).toBeLessThanOrEqual(1 + Math.ceil(elapsed / announceEveryMs))
    for (const text of announcements) expect(text).toBe('Jonas Weber (Sozialamt) bearbeitet Begründung')
    // Nothing else on the lead's screen speaks up about the typing, and the typist's own screen stays quiet too.
    expect(await spoken(listener)).toEqual(announcements.map((text) => `edit-announcements: ${text}`))
    expect(await spoken(typist)).toEqual([])
    expect(await alerts(listener)).toEqual([])

    // Another field is another announcement at once, named by its label.
    const gz = typist.getByLabel('Geschäftszeichen (GZ)', { exact: true })
    await gz.click()
    await typist.keyboard.type('50-12')
    await expect.poll(async () => (await heard(listener)).at(-1), live).toBe('Jonas Weber (Sozialamt) bearbeitet Geschäftszeichen (GZ)')
    expect(await alerts(listener)).toEqual([])
    // The typist hears nothing of their own typing.
    expect(await spoken(typist)).toEqual([])
    await Promise.all([listener.close(), typist.close()])
  })
})
