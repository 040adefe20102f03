// Presence in every board field: when a colleague's caret is in a position's note, a header field or
// a Beschlussantrag item, the other screen shows their name and colour on that very field.
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { artifacts, live, me, useBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const editor = 'sozialamt.editor'
const lead = 'sozialamt.lead'

/** The box of the field a control belongs to (the element that carries the field's id). */
const fieldBox = (control: Locator) => control.locator('xpath=ancestor::*[@data-field][1]')

/** Every colleague name shown on any field of the page, with the field it sits on. */
const shownPeers = (page: Page) =>
  page.locator('[data-testid="field-peer"]').evaluateAll((tags) =>
    tags.map((tag) => ({ field: tag.closest<HTMLElement>('[data-field]')?.dataset.field, name: tag.textContent, color: tag.getAttribute('data-color') })),
  )

/** What a screen reader hears as the control's description. */
const description = (control: Locator) =>
  control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  )

/** The colour the presence bar gives a user: the same one must mark their field. */
const barColor = (page: Page, name: string) =>
  page
    .locator('[data-testid="presence-user"]', { hasText: name })
    .locator('.avatar')
    .evaluate((el) => getComputedStyle(el).backgroundColor)

describe('presence on board fields', () => {
  let world: BoardWorld

  useBoardWorld([editor, lead], (started) => (world = started))

  it("a colleague's focus shows with name and colour on that very field, follows them, and goes when they leave", async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' })
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    try {
      await Promise.all([untilSaved(a), untilSaved(b)])
      const aName = (await me(a)).displayName
      await expect.poll(() => b.locator('[data-testid="presence-user"]', { hasText: aName }).count(), live).toBe(1)
      const aColor = await barColor(b, aName)
      const noteOnB = b.getByLabel('Bemerkung, Stelle 1', { exact: true })
      const gzOnB = b.getByLabel('Geschäftszeichen (GZ)', { exact: true })
      expect(await shownPeers(b)).toEqual([])

      // A's caret in position 1's note: B sees A there, and only there.
      await a.getByLabel('Bemerkung, Stelle 1', { exact: true }).focus()
      await expect.poll(() => shownPeers(b), live).toEqual([{ field: expect.stringMatching(/^positions\/[a-z0-9]+\/note$/), name: aName, color: expect.any(String) }])
      await expect.poll(() => fieldBox(noteOnB).locator('[data-testid="field-peer"]').textContent(), live).toBe(aName)
      // A's colour, the same as in the presence bar, on the tag and around the note.
      expect(await fieldBox(noteOnB).locator('[data-testid="field-peer"]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(aColor)
      expect(await noteOnB.evaluate((el) => getComputedStyle(el).outlineColor)).toBe(aColor)
      expect(await description(noteOnB)).toContain(aName)
      await b.locator('[data-testid="position-row"]').first().screenshot({ path: path.join(artifacts, 'field-presence-note.png') })
      // A does not see themselves.
      expect(await shownPeers(a)).toEqual([])

      // A moves to the header's GZ: the mark moves with them.
      await a.getByLabel('Geschäftszeichen (GZ)', { exact: true }).focus()
      await expect.poll(() => shownPeers(b), live).toEqual([{ field: 'header/gz', name: aName, color: expect.any(String) }])
      expect(await fieldBox(gzOnB).locator('[data-testid="field-peer"]').textContent()).toBe(aName)
      expect(await gzOnB.evaluate((el) => getComputedStyle(el).outlineColor)).toBe(aColor)
      expect(await description(gzOnB)).toContain(aName)
      expect(await description(noteOnB)).not.toContain(aName)
      await b.locator('#section-header').screenshot({ path: path.join(artifacts, 'field-presence-header.png') })

      // A Beschlussantrag item: the rich-text editor is a field too.
      await a.getByRole('textbox', { name: 'Beschlussantrag Ziffer 1', exact: true }).focus()
      await expect.poll(() => shownPeers(b), live).toEqual([{ field: expect.stringMatching(/^resolution\/[a-z0-9]+$/), name: aName, color: expect.any(String) }])
      expect(await description(b.getByRole('textbox', { name: 'Beschlussantrag Ziffer 1', exact: true }))).toContain(aName)

      // A leaves the fields: nothing remains on B's screen.
      await a.locator(':focus').blur()
      await expect.poll(() => shownPeers(b), live).toEqual([])
      expect(await description(gzOnB)).toBe('')
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
