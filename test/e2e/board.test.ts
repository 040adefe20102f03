// The planning board in real browsers against a real server: two people on one proposal see each
// other's text, cursor, positions, sums and presence live; offline edits merge; the model's rules
// show as German messages; viewers only read. Needs a built client (`vite build`, part of `npm test`).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listPositions } from '../../shared/model'
import { readStoredDoc } from '../helpers/database'
import {
  artifacts,
  bodyEditor,
  enter,
  fieldValue,
  live,
  me,
  openSockets,
  saveState,
  useBoardWorld,
  text,
  untilSaved,
  type BoardWorld,
} from './board-helpers'

const editor = 'sozialamt.editor'
const lead = 'sozialamt.lead'
const viewer = 'sozialamt.viewer'
const outsider = 'jobcenter.editor'
const paktTitle = 'Pakt für Integration – Verlängerung des Integrationsmanagements in den Jahren 2020 und 2021'
const integrationTitle = 'Integrationsmanagement und begleitende Unterstützungsmaßnahmen – Fortsetzung 2022 und 2023'

describe('the planning board, live in two browsers', () => {
  let world: BoardWorld
  const pakt = () => world.createProposal({ title: paktTitle, number: '949/2019', template: 'pakt-949-2019' })
  const integration = () => world.createProposal({ title: integrationTitle, template: 'integration-2022-2023' })
  const values = (page: Parameters<typeof saveState>[0], testId: string) =>
    page.getByTestId(testId).evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value))

  useBoardWorld([editor, lead, viewer, outsider], (started) => (world = started))

  it('opens the demo proposals with every part filled as in the seeds, in German formats, and measures how fast', async () => {
    const { id } = await pakt()
    const started = performance.now()
    const page = await world.open(editor, `/p/${id}`)
    await untilSaved(page)
    const shownMs = Math.round(performance.now() - started)
    const markMs = await page.evaluate(() => Math.round(performance.getEntriesByName('board-ready')[0]?.startTime ?? -1))
    console.log(`board shown (navigation → all sections rendered and synced): ${shownMs} ms; in-page mark: ${markMs} ms after navigation start`)

    expect(await page.getByTestId('board-number').textContent()).toBe('GRDrs 949/2019')
    expect(await fieldValue(page, 'Betreff')).toBe(paktTitle)
    expect(await fieldValue(page, 'Datum')).toBe('13.11.2019')
    expect(await fieldValue(page, 'Geschäftszeichen (GZ)')).toBe('SI')
    expect(await page.getByTestId('consultation-row').count()).toBe(3)
    expect(await fieldValue(page, 'Sitzungstermin, Beratung 1')).toBe('25.11.2019')
    expect(await page.getByTestId('resolution-item').count()).toBe(6)
    expect(await page.getByTestId('resolution-item').nth(2).textContent()).toContain('50 % in EG 10 TVöD beim Jobcenter')
    expect(await bodyEditor(page).locator('h2').first().textContent()).toBe('Ausgangslage')
    expect(await values(page, 'position-fte')).toEqual(['0,5', '1,0', '0,5'])
    expect(await values(page, 'position-pay')).toEqual(['EG 10 TVöD', 'EG 13 TVöD', 'EG 8 TVöD'])
    expect(await fieldValue(page, 'befristet bis, Stelle 1')).toBe('31.12.2021')
    expect(await text(page, 'total-fte')).toBe('2,0')
    await page.screenshot({ path: path.join(artifacts, 'board.png'), fullPage: true })

    const other = await integration()
    await page.goto(`/p/${other.id}`)
    await untilSaved(page)
    expect(await fieldValue(page, 'Art der Vorlage')).toBe('Mitteilungsvorlage')
    expect(await page.getByTestId('finance-row').count()).toBe(5)
    expect(await text(page, 'sum-need-2022')).toBe('516')
    expect(await text(page, 'sum-need-2023')).toBe('666')
    expect(await text(page, 'sum-provided-2022')).toBe('123')
    expect(await fieldValue(page, 'Finanzbedarf 2022, Ausbildungscampus')).toBe('')
    expect(await bodyEditor(page).textContent()).toContain('1.151')
    expect(await fieldValue(page, 'Anlage 1')).toBe('Anträge der Träger')
    await page.locator('#section-finance').screenshot({ path: path.join(artifacts, 'board-finance.png') })
  })

  it('text typed in the Begründung by one appears for the other, with the typist’s named cursor', async () => {
    const { id } = await pakt()
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    const typist = (await me(a)).displayName
    await expect.poll(() => b.getByTestId('presence-user').allTextContents(), live).toContainEqual(expect.stringContaining(typist))

    await bodyEditor(a).locator('p').first().click()
    await a.keyboard.press('End')
    await a.keyboard.type(' Ergänzung des Jobcenters.')
    await expect.poll(() => bodyEditor(b).textContent(), live).toContain(' Ergänzung des Jobcenters.')
    const cursor = bodyEditor(b).getByTestId('remote-cursor')
    await cursor.waitFor({ timeout: live.timeout })
    expect(await cursor.textContent()).toContain(typist)
    expect(await cursor.getAttribute('style')).toMatch(/border-color: rgb/)
    await cursor.scrollIntoViewIfNeeded()
    await b.screenshot({ path: path.join(artifacts, 'board-cursor.png') })
  })

  it('a position added and its FTE changed by one shows for the other with the totals updated, and after a reload', async () => {
    const { id } = await pakt()
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    await a.getByRole('button', { name: '+ Stelle hinzufügen' }).click()
    await expect.poll(() => b.getByTestId('position-row').count(), live).toBe(4)
    await enter(a, 'VZK, Stelle 4', '0,75')
    await enter(a, 'Entgeltgruppe, Stelle 4', 'EG 11 TVöD')
    await enter(a, 'Jahreskosten (EUR), Stelle 4', '65500')
    await expect.poll(() => fieldValue(b, 'VZK, Stelle 4'), live).toBe('0,75')
    await expect.poll(() => text(b, 'total-fte'), live).toBe('2,75')
    expect(await b.locator('[data-testid="fte-by-department"][data-department="sozialamt"]').textContent()).toContain('2,25')
    expect(await b.locator('[data-testid="fte-by-kind"][data-kind="permanent"]').textContent()).toContain('0,75')
    await expect.poll(() => text(b, 'total-cost'), live).toContain('65.500,00\u00a0€')
    expect(await fieldValue(b, 'Jahreskosten (EUR), Stelle 4')).toBe('65.500,00')

    await untilSaved(a)
    await b.reload()
    await untilSaved(b)
    expect(await fieldValue(b, 'VZK, Stelle 4')).toBe('0,75')
    expect(await fieldValue(b, 'Entgeltgruppe, Stelle 4')).toBe('EG 11 TVöD')
    expect(await text(b, 'total-fte')).toBe('2,75')
  })

  it('a finance cell changed by one updates the sums on both, and a reload shows it stored', async () => {
    const { id } = await integration()
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    expect(await text(b, 'sum-need-2023')).toBe('666')
    await enter(a, 'Finanzbedarf 2023, Ausbildungscampus', '160')
    await expect.poll(() => text(b, 'sum-need-2023'), live).toBe('676')
    expect(await text(a, 'sum-need-2023')).toBe('676')
    expect(await text(b, 'sum-need-2022')).toBe('516')
    expect(await fieldValue(b, 'Finanzbedarf 2023, Ausbildungscampus')).toBe('160')

    await untilSaved(a)
    await a.reload()
    await untilSaved(a)
    expect(await fieldValue(a, 'Finanzbedarf 2023, Ausbildungscampus')).toBe('160')
    expect(await text(a, 'sum-need-2023')).toBe('676')
  })

  it('edits made offline are kept, and both sides converge when the connection returns', async () => {
    const { id } = await pakt()
    const a = await world.open(editor, `/p/${id}`, { trackSockets: true })
    const b = await world.open(lead, `/p/${id}`)
    await Promise.all([untilSaved(a), untilSaved(b)])

    await world.contexts[editor]!.setOffline(true)
    await expect.poll(() => saveState(a), live).toBe('offline')
    // setOffline alone leaves an open WebSocket open; the board closes its own on the browser's offline event.
    await expect.poll(() => openSockets(a), live).toBe(0)
    await enter(a, 'VZK, Stelle 3', '0,25')
    await bodyEditor(a).locator('p').first().click()
    await a.keyboard.press('End')
    await a.keyboard.type(' Offline ergänzt.')
    expect(await a.getByTestId('connection-status').getAttribute('data-pending')).toBe('true')
    await enter(b, 'Sitzungstermin, Beratung 2', '05.12.2019')
    await expect.poll(() => saveState(b), live).toBe('saved')
    expect(await fieldValue(b, 'VZK, Stelle 3')).toBe('0,5')

    await world.contexts[editor]!.setOffline(false)
    await expect.poll(() => saveState(a), live).toBe('saved')
    await expect.poll(() => fieldValue(b, 'VZK, Stelle 3'), live).toBe('0,25')
    await expect.poll(() => bodyEditor(b).textContent(), live).toContain('Offline ergänzt.')
    await expect.poll(() => fieldValue(a, 'Sitzungstermin, Beratung 2'), live).toBe('05.12.2019')
    expect(await text(a, 'total-fte')).toBe(await text(b, 'total-fte'))
  })

  it('an FTE of 1,5 shows the model’s German message beside the field and is not written', async () => {
    const { id } = await pakt()
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    await enter(a, 'VZK, Stelle 1', '1,5')
    const fte = a.getByLabel('VZK, Stelle 1', { exact: true })
    const message = a.getByTestId('position-row').first().getByTestId('field-error')
    await message.waitFor({ timeout: live.timeout })
    expect(await message.textContent()).toBe('Eine Zeile darf höchstens 1,0 VZK umfassen.')
    expect(await fte.getAttribute('aria-invalid')).toBe('true')
    expect(await fte.inputValue()).toBe('1,5')

    // A later valid edit arrives; the refused one never left the browser.
    await enter(a, 'Entgeltgruppe, Stelle 1', 'EG 10 TVöD (neu)')
    await expect.poll(() => fieldValue(b, 'Entgeltgruppe, Stelle 1'), live).toBe('EG 10 TVöD (neu)')
    expect(await fieldValue(b, 'VZK, Stelle 1')).toBe('0,5')
    expect(await text(b, 'total-fte')).toBe('2,0')
    await untilSaved(a)
    const stored = readStoredDoc(world.server.dataDir, id).doc
    expect(listPositions(stored).map((p) => p.fte)).toEqual([0.5, 1, 0.5])

    await fte.press('Escape')
    expect(await fte.inputValue()).toBe('0,5')
    expect(await message.count()).toBe(0)
  })

  it('a viewer sees everything read-only, with a notice why; a department that is not involved too', async () => {
    const { id } = await pakt()
    for (const [user, reason] of [
      [viewer, 'Leseberechtigung'],
      [outsider, 'Jobcenter) ist an dieser Vorlage nicht beteiligt'],
    ] as const) {
      const page = await world.open(user, `/p/${id}`)
      await untilSaved(page)
      await expect.poll(() => page.getByTestId('read-only-notice').textContent(), live).toContain(reason)
      // The content only: comments and the co-signature (marked data-record) have rights of their own.
      const editable = await page.getByTestId('board').evaluate((board) => {
        const content = (selector: string) => [...board.querySelectorAll(selector)].filter((e) => !e.closest('[data-record]'))
        return {
          fields: content('input:not([readonly]):not([disabled]), textarea:not([readonly]), select:not([disabled])').length,
          editors: content('.ProseMirror').map((e) => e.getAttribute('contenteditable')),
          buttons: content('button').length,
        }
      })
      expect(editable.fields).toBe(0)
      expect(editable.editors).toHaveLength(7)
      expect(new Set(editable.editors)).toEqual(new Set(['false']))
      expect(editable.buttons).toBe(0)
      expect(await values(page, 'position-fte')).toEqual(['0,5', '1,0', '0,5'])
      if (user === viewer) await page.screenshot({ path: path.join(artifacts, 'board-viewer.png') })
    }
  })
})
