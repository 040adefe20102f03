// More of the board in real browsers: Beschlussantrag items and the Begründung toolbar, anchored
// lists, header and year checks, rights that change while the board is open, the list page, English.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { demoTemplates } from '../../shared/demo'
import { apiClient } from '../helpers/api'
import { artifacts, bodyEditor, enter, fieldValue, live, saveState, useBoardWorld, text, untilSaved, type BoardWorld } from './board-helpers'

const editor = 'sozialamt.editor'
const lead = 'sozialamt.lead'
const outsider = 'jobcenter.editor'

describe('editing the board', () => {
  let world: BoardWorld
  const pakt = () => world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' })
  const items = (page: Parameters<typeof untilSaved>[0]) =>
    page.getByTestId('resolution-item').evaluateAll((rows) => rows.map((row) => row.querySelector('.ProseMirror')!.textContent!.slice(0, 30)))

  useBoardWorld([editor, lead, outsider], (started) => (world = started))

  it('Beschlussantrag items are added, typed, moved and removed live, and the numbering follows', async () => {
    const { id } = await pakt()
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    const before = await items(b)
    expect(before).toHaveLength(6)

    await a.getByRole('button', { name: '+ Ziffer hinzufügen' }).click()
    // The new item has the caret: typing goes straight in.
    await a.keyboard.type('Die Verwaltung berichtet 2021.')
    await expect.poll(() => items(b), live).toEqual([...before, 'Die Verwaltung berichtet 2021.'])

    await a.getByRole('button', { name: 'Nach oben: Beschlussantrag Ziffer 7' }).click()
    // The focus stays on the button, so the key can be pressed again.
    await a.keyboard.press('Enter')
    const moved = [...before.slice(0, 4), 'Die Verwaltung berichtet 2021.', ...before.slice(4)]
    await expect.poll(() => items(b), live).toEqual(moved)
    expect(await b.getByTestId('resolution-item').nth(4).locator('.resolution-number').textContent()).toBe('5.')

    await a.getByRole('button', { name: 'Entfernen: Beschlussantrag Ziffer 1' }).click()
    await expect.poll(() => items(b), live).toEqual(moved.slice(1))
    expect(await b.getByRole('textbox', { name: 'Beschlussantrag Ziffer 1', exact: true }).textContent()).toContain('Die Umsetzung des Pakts')
  })

  it('the toolbar and its keys format the Begründung for everyone: heading, bold, list, table, link; undo is one’s own', async () => {
    const { id } = await world.createProposal({ title: 'Leere Vorlage' })
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    await bodyEditor(a).click()
    await a.keyboard.type('Ausgangslage')
    await a.getByLabel('Absatzformat').selectOption('h2')
    await a.keyboard.press('End')
    await a.keyboard.press('Enter')
    await a.keyboard.type('Der Gemeinderat hat ')
    await a.keyboard.press('Control+b')
    await a.keyboard.type('einstimmig')
    await a.keyboard.press('Control+b')
    await a.keyboard.type(' beschlossen.')
    await a.keyboard.press('Enter')
    await a.getByRole('button', { name: 'Aufzählung' }).click()
    await a.keyboard.type('erster Punkt')
    await a.getByRole('button', { name: 'Tabelle einfügen' }).click()
    await a.keyboard.type('Maßnahme')

    await expect.poll(() => bodyEditor(b).locator('h2').textContent(), live).toBe('Ausgangslage')
    await expect.poll(() => bodyEditor(b).locator('strong').textContent(), live).toBe('einstimmig')
    await expect.poll(() => bodyEditor(b).locator('ul li').textContent(), live).toBe('erster Punkt')
    await expect.poll(() => bodyEditor(b).locator('table td').first().textContent(), live).toMatch(/^Maßnahme/)
    expect(await a.getByRole('button', { name: 'Fett' }).getAttribute('aria-pressed')).toBe('false')

    // Undo takes back one's own typing, never the peer's.
    await bodyEditor(b).locator('ul li p').click()
    await b.keyboard.press('End')
    await b.keyboard.type(' und zweiter')
    await expect.poll(() => bodyEditor(a).locator('ul li').textContent(), live).toMatch(/^erster Punkt und zweiter/)
    await bodyEditor(a).locator('h2').click()
    await a.keyboard.press('End')
    await a.keyboard.type(' 2026')
    await expect.poll(() => bodyEditor(b).locator('h2').textContent(), live).toMatch(/^Ausgangslage 2026/)
    await a.keyboard.press('Control+z')
    await expect.poll(() => bodyEditor(b).locator('h2').textContent(), live).toMatch(/^Ausgangslage(?! 2026)/)
    expect(await bodyEditor(b).locator('ul li').textContent()).toMatch(/^erster Punkt und zweiter/)

    // A link on the selected heading text, through the toolbar's small form.
    await bodyEditor(a).locator('h2').click()
    await a.keyboard.press('End')
    await a.keyboard.press('Shift+Home')
    await a.getByRole('button', { name: 'Link', exact: true }).click()
    await a.getByLabel('Linkadresse').fill('https://www.stuttgart.de')
    await a.getByLabel('Linkadresse').press('Enter')
    await expect.poll(() => bodyEditor(b).locator('h2 a').getAttribute('href'), live).toBe('https://www.stuttgart.de')
  })

  it('consultations and attachments are added, edited and removed live; bad numbers, dates and years say why', async () => {
    const { id } = await world.createProposal({ title: 'Leere Vorlage' })
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    await a.getByRole('button', { name: '+ Beratung hinzufügen' }).click()
    await a.getByLabel('Gremium, Beratung 1', { exact: true }).fill('Gemeinderat')
    await enter(a, 'Sitzungstermin, Beratung 1', '3.12.2026')
    await a.getByLabel('Sitzung, Beratung 1', { exact: true }).selectOption('closed')
    await expect.poll(() => fieldValue(b, 'Sitzungstermin, Beratung 1'), live).toBe('03.12.2026')
    expect(await fieldValue(b, 'Gremium, Beratung 1')).toBe('Gemeinderat')
    await expect.poll(() => fieldValue(b, 'Sitzung, Beratung 1'), live).toBe('closed')

    await enter(a, 'Sitzungstermin, Beratung 1', '31.02.2026')
    expect(await a.getByTestId('consultation-row').getByTestId('field-error').textContent()).toBe('Kein gültiges Datum (TT.MM.JJJJ).')
    await enter(a, 'Drucksachennummer', 'abc')
    expect(await a.locator('#section-header').getByTestId('field-error').textContent()).toBe('Die Drucksachennummer muss wie „949/2019“ aussehen.')
    await enter(a, 'Haushaltsjahr', '1999')
    expect(await a.locator('#add-year-error').textContent()).toBe('Das Haushaltsjahr muss zwischen 2000 und 2100 liegen.')
    await enter(a, 'Haushaltsjahr', '2027')
    await expect.poll(() => b.locator('#section-finance th.year .year-label').allTextContents(), live).toEqual(['2027', '2027'])
    await a.getByRole('button', { name: '+ Zeile hinzufügen' }).click()
    await enter(a, 'Finanzbedarf 2027, Zeile 1', '1.250,5')
    await expect.poll(() => text(b, 'sum-need-2027'), live).toBe('1.250,5')
    expect(await text(b, 'sum-provided-2027')).toBe('–')

    await a.getByRole('button', { name: '+ Anlage hinzufügen' }).click()
    await a.keyboard.type('Stellungnahme WFB')
    await a.getByRole('button', { name: '+ Anlage hinzufügen' }).click()
    await a.keyboard.type('Kostenplan')
    await expect.poll(() => fieldValue(b, 'Anlage 2'), live).toBe('Kostenplan')
    await a.getByRole('button', { name: 'Nach oben: Anlage 2' }).click()
    await expect.poll(() => fieldValue(b, 'Anlage 1'), live).toBe('Kostenplan')
    await a.getByRole('button', { name: 'Entfernen: Beratung 1' }).click()
    await expect.poll(() => b.getByTestId('consultation-row').count(), live).toBe(0)
  })

  it('when the lead involves a department, its editor can edit at once; the status follows the record live', async () => {
    const { id } = await pakt()
    const page = await world.open(outsider, `/p/${id}`)
    await untilSaved(page)
    await page.getByTestId('read-only-notice').waitFor({ timeout: live.timeout })
    const steer = apiClient(world.server.url, world.cookies[lead])
    expect((await steer.put(`/proposals/${id}/departments`, { departments: [{ departmentId: 'jobcenter' }] })).status).toBe(200)
    // The server closes the socket with 4001; the board asks for its rights again and reconnects at once.
    await page.getByTestId('read-only-notice').waitFor({ state: 'detached', timeout: live.timeout })
    await expect.poll(() => page.getByLabel('VZK, Stelle 1', { exact: true }).getAttribute('readonly'), live).toBeNull()
    await enter(page, 'VZK, Stelle 1', '0,4')
    await untilSaved(page)

    expect((await steer.post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'jobcenter' }] })).status).toBe(200)
    await expect.poll(() => text(page, 'proposal-status'), live).toBe('in Mitzeichnung')
  })

  it('the list creates from a template (the same ones as shared/demo.ts), filters by status, and shows number and lead', async () => {
    const page = await world.open(editor, '/')
    await page.getByLabel('Ausgangspunkt').waitFor({ timeout: live.timeout })
    const options = await page.getByLabel('Ausgangspunkt').locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]))
    expect(options).toEqual([['', 'Leere Vorlage'], ...demoTemplates.map((t) => [t.id, t.label])])

    await page.getByLabel('Titel', { exact: true }).fill('Integrationsmanagement 2024/2025')
    await page.getByLabel('Drucksachennummer').fill('120/2024')
    await page.getByLabel('Ausgangspunkt').selectOption('pakt-949-2019')
    await page.getByRole('button', { name: 'Anlegen' }).click()
    await page.waitForURL(/\/p\/[a-z0-9]+$/, { timeout: live.timeout })
    await untilSaved(page)
    expect(await page.getByTestId('board-number').textContent()).toBe('GRDrs 120/2024')
    expect(await page.getByTestId('resolution-item').count()).toBe(6)

    await page.getByRole('link', { name: '← Alle Vorlagen' }).click()
    const row = page.getByTestId('proposal-row').filter({ hasText: 'Integrationsmanagement 2024/2025' })
    await row.waitFor({ timeout: live.timeout })
    await expect.poll(() => row.locator('td').allTextContents(), live).toEqual(['120/2024', 'Integrationsmanagement 2024/2025', 'Entwurf', 'Sozialamt', expect.stringMatching(/\d{4}/)])
    await page.getByLabel('Status').selectOption('released')
    await page.getByTestId('empty-list').waitFor({ timeout: live.timeout })
    await page.getByLabel('Status').selectOption('draft')
    await row.waitFor({ timeout: live.timeout })
    await page.screenshot({ path: path.join(artifacts, 'list-created.png'), fullPage: true })
  })

  it('switches to English and keeps the choice; German again on the way back', async () => {
    const { id } = await pakt()
    const page = await world.open(lead, `/p/${id}`)
    await untilSaved(page)
    await page.getByTestId('lang-en').click()
    await page.getByRole('heading', { name: 'Positions and authorizations' }).waitFor({ timeout: live.timeout })
    await enter(page, 'FTE, position 1', '-1')
    expect(await page.getByTestId('position-row').first().getByTestId('field-error').textContent()).toBe('The FTE share must not be negative.')
    await page.reload()
    await untilSaved(page)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await text(page, 'connection-text')).toBe('Online · saved')
    await page.screenshot({ path: path.join(artifacts, 'board-en.png') })
    await page.getByTestId('lang-de').click()
    await page.getByRole('heading', { name: 'Stellen und Ermächtigungen' }).waitFor({ timeout: live.timeout })
  })

  // Last in this file: it restarts the server (a clean stop, as for an update; kill -9 is proven in test/sync/durability).
  it('when the server goes away the board says offline, keeps the edits, and comes back by itself', async () => {
    const { id } = await pakt()
    const [a, b] = await Promise.all([world.open(editor, `/p/${id}`), world.open(lead, `/p/${id}`)])
    await Promise.all([untilSaved(a), untilSaved(b)])
    await world.server.stop()
    await expect.poll(() => saveState(a), live).toBe('offline')
    await a.getByLabel('Geschäftszeichen (GZ)', { exact: true }).fill('SI-50')
    expect(await a.getByTestId('connection-status').getAttribute('data-pending')).toBe('true')

    await world.server.restart()
    // Retries back off (with jitter, capped), so this may take a few seconds.
    await expect.poll(() => saveState(a), { ...live, timeout: 40_000 }).toBe('saved')
    await expect.poll(() => fieldValue(b, 'Geschäftszeichen (GZ)'), { ...live, timeout: 40_000 }).toBe('SI-50')
  })
})
