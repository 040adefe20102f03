// Two people in two browsers do the same thing at the same moment: type into one field, add a
// budget year. Nothing either of them types or adds is lost or scrambled.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { live, useBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const editor = 'sozialamt.editor'
const lead = 'sozialamt.lead'

/** Puts the caret at the very end of a field, as someone appending to it would. */
async function caretAtEnd(page: Page, label: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true })
  await field.click()
  await field.evaluate((el: HTMLInputElement | HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length))
}

/** Both type their own letters into the same field at once; returns the merged text both screens show. */
async function typeAtOnce(a: Page, b: Page, label: string, typedByA: string, typedByB: string): Promise<{ base: string; merged: string; ms: number }> {
  const value = (page: Page) => page.getByLabel(label, { exact: true }).inputValue()
  const base = await value(a)
  expect(await value(b)).toBe(base)
  await Promise.all([caretAtEnd(a, label), caretAtEnd(b, label)])
  const started = performance.now()
  // Key by key with a short pause, interleaved: each keystroke meets the other's in flight.
  await Promise.all([a.keyboard.type(typedByA, { delay: 15 }), b.keyboard.type(typedByB, { delay: 15 })])
  const length = base.length + typedByA.length + typedByB.length
  await expect.poll(async () => [(await value(a)).length, (await value(b)).length], live).toEqual([length, length])
  await expect.poll(async () => (await value(a)) === (await value(b)), live).toBe(true)
  return { base, merged: await value(a), ms: Math.round(performance.now() - started) }
}

describe('two people at the same moment', () => {
  let world: BoardWorld

  useBoardWorld([editor, lead], (started) => (world = started))

  it('typing into the same position note and the same Betreff: both strings survive, each in order', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' })
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    try {
      await Promise.all([untilSaved(a), untilSaved(b)])
      for (const label of ['Bemerkung, Stelle 1', 'Funktion, Stelle 1', 'Betreff']) {
        const { base, merged, ms } = await typeAtOnce(a, b, label, '1234567890', 'abcdefghij')
        console.info(`${label}: 2 × 10 keys typed at once, merged on both screens after ${ms} ms`)
        expect(merged.startsWith(base), `${label}: ${JSON.stringify(merged)}`).toBe(true)
        const added = merged.slice(base.length)
        expect(added.replace(/[^0-9]/g, ''), `${label}: ${JSON.stringify(added)}`).toBe('1234567890')
        expect(added.replace(/[^a-j]/g, ''), `${label}: ${JSON.stringify(added)}`).toBe('abcdefghij')
      }
      await Promise.all([untilSaved(a), untilSaved(b)])
      // Nobody was refused or disconnected on the way.
      expect(await a.getByTestId('field-error').count()).toBe(0)
      expect(await b.getByTestId('field-error').count()).toBe(0)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('adding a budget year at once: both years stay on both boards', async () => {
    const { id } = await world.createProposal({ title: 'Integrationsmanagement', template: 'integration-2022-2023' })
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    const years = (page: Page) => page.locator('#section-finance thead th.year.block-need .year-label').allTextContents()
    try {
      await Promise.all([untilSaved(a), untilSaved(b)])
      expect(await years(a)).toEqual(['2022', '2023'])
      for (const [page, year] of [[a, '2024'], [b, '2025']] as const) {
        const field = page.getByLabel('Haushaltsjahr', { exact: true })
        // Focus first: the field offers the next year on focus, which `fill` would otherwise append to.
        await field.focus()
        await field.fill(year)
        expect(await field.inputValue()).toBe(year)
      }
      const started = performance.now()
      // Both submit in the same instant, before either has heard of the other's year.
      await Promise.all([a, b].map((page) => page.locator('form.add-year').evaluate((form: HTMLFormElement) => form.requestSubmit())))
      for (const page of [a, b]) await expect.poll(() => years(page), live).toEqual(['2022', '2023', '2024', '2025'])
      console.info(`two years added at once, both on both boards after ${Math.round(performance.now() - started)} ms`)
      await Promise.all([untilSaved(a), untilSaved(b)])
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
