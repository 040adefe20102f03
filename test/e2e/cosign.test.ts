// The co-signing round in real browsers (issue 4's acceptance): the lead starts it, AKR and WFB sign
// through the board, an edit outdates both signatures on every screen at once, both sign again, the
// lead releases, and the content is then refused — in the browser and at the Yjs level.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listPositions, updatePosition } from '../../shared/model'
import { connectClient, connectSynced, type Client } from '../helpers/clients'
import { readStoredDoc } from '../helpers/database'
import { waitFor } from '../helpers/wait'
import { artifacts, enter, fieldValue, live, startBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'
const wfb = 'wfb.lead'

const status = (page: Page) => page.getByTestId('proposal-status').getAttribute('data-status')
const entry = (page: Page, department: string) => page.locator(`[data-testid="cosign-entry"][data-department="${department}"]`)
const entryState = (page: Page, department: string) => entry(page, department).getAttribute('data-state')
const entryStance = (page: Page, department: string) => entry(page, department).getAttribute('data-stance')

/** Signs for the page user's department through the form in its entry. */
async function sign(page: Page, department: string, stance: string, remark: string, button = 'Mitzeichnen') {
  const own = entry(page, department)
  await own.getByLabel('Votum').selectOption({ label: stance })
  await own.getByLabel('Hinweis / Auffassung').fill(remark)
  await own.getByRole('button', { name: button, exact: true }).click()
}

describe('co-signature on the board, in four browsers', () => {
  let world: BoardWorld
  const clients: Client[] = []

  beforeAll(async () => {
    world = await startBoardWorld([lead, editor, akr, wfb])
  })
  afterEach((context) => {
    for (const client of clients.splice(0)) client.destroy()
    if (context.task.result?.state === 'fail') console.error(`server output:\n${world.server.output()}`)
    expect(world.pageErrors.splice(0), 'uncaught errors in the pages').toEqual([])
  })
  afterAll(async () => {
    await world?.close()
  })

  // One story in four browsers: ≈ 50 s on a quiet 2-core machine, so it gets more than the default two minutes.
  it('AKR and WFB sign, an FTE change outdates both everywhere, both sign again, the lead releases, edits are refused', { timeout: 180_000 }, async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const url = `/p/${id}`
    const leadPage = await world.open(lead, url)
    const [editorPage, akrPage, wfbPage] = await Promise.all([world.open(editor, url), world.open(akr, url), world.open(wfb, url)])
    const screens = [editorPage, akrPage, wfbPage]
    await Promise.all([leadPage, ...screens].map(untilSaved))
    for (const page of screens) expect(await status(page)).toBe('draft')

    // The lead chooses AKR for positions and resolution, WFB for everything, and starts the round.
    const form = leadPage.getByTestId('involvement-form')
    const akrRow = form.getByTestId('involve-akr')
    await akrRow.getByLabel('Referat AKR').check()
    for (const section of ['Kopfdaten', 'Beratungsfolge', 'Begründung', 'Finanzielle Auswirkungen', 'Anlagen']) {
      await akrRow.getByLabel(section, { exact: true }).uncheck()
    }
    await form.getByTestId('involve-wfb').getByLabel('Referat WFB').check()
    await leadPage.locator('#section-cosign').screenshot({ path: path.join(artifacts, 'cosign-start.png') })
    await leadPage.getByRole('button', { name: 'Mitzeichnung starten' }).click()
    for (const page of [leadPage, ...screens]) await expect.poll(() => status(page), live).toBe('cosigning')
    await expect.poll(() => entry(editorPage, 'akr').getByTestId('signature-sections').textContent(), live).toBe(
      'zeichnet für: Beschlussantrag, Stellen und Ermächtigungen',
    )
    expect(await entry(editorPage, 'wfb').getByTestId('signature-sections').textContent()).toBe('zeichnet für: alle Abschnitte')
    expect(await entryState(editorPage, 'akr')).toBe('pending')

    // AKR: "mit Hinweis" needs a remark, and says so.
    const akrEntry = entry(akrPage, 'akr')
    await akrEntry.getByLabel('Votum').waitFor({ timeout: live.timeout })
    await akrEntry.getByLabel('Votum').selectOption({ label: 'mit Hinweis' })
    await akrEntry.getByRole('button', { name: 'Mitzeichnen', exact: true }).click()
    const missing = akrEntry.getByTestId('sign-remark-error')
    await missing.waitFor({ timeout: live.timeout })
    expect(await missing.textContent()).toContain('ist ein Text nötig')
    expect(await akrEntry.getByLabel('Hinweis / Auffassung').getAttribute('aria-invalid')).toBe('true')
    const akrRemark = 'Die Stellenplananträge erfüllen die Schaffungskriterien nicht; Ermächtigungen statt Stellen.'
    await sign(akrPage, 'akr', 'mit Hinweis', akrRemark)

    // WFB: an objection, with its view.
    const wfbRemark = 'dass die Weiterförderung zu den Konditionen der ursprünglichen Landesförderung erfolgen sollte.'
    await entry(wfbPage, 'wfb').getByLabel('Votum').waitFor({ timeout: live.timeout })
    await sign(wfbPage, 'wfb', 'Einwand', wfbRemark)

    for (const page of screens) {
      await expect.poll(() => entryState(page, 'akr'), live).toBe('current')
      await expect.poll(() => entryState(page, 'wfb'), live).toBe('current')
      expect(await entryStance(page, 'akr')).toBe('remarks')
      expect(await entryStance(page, 'wfb')).toBe('objection')
    }
    const akrOnEditor = entry(editorPage, 'akr')
    expect(await akrOnEditor.getByTestId('signature-stance').textContent()).toBe('mit Hinweis')
    expect(await akrOnEditor.getByTestId('signature-remark').textContent()).toBe(akrRemark)
    expect(await akrOnEditor.getByTestId('signature-signer').textContent()).toMatch(/^gez\. Dr\. Ulrike Hahn, \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/)
    expect(await entry(editorPage, 'wfb').getByTestId('signature-stance').textContent()).toBe('Einwand')
    expect(await entry(editorPage, 'wfb').textContent()).toContain('Referat WFB ist der Auffassung:')
    for (const page of [leadPage, ...screens]) await expect.poll(() => status(page), live).toBe('cosigned')

    // The editor changes one position's FTE: both signatures are outdated on every screen, without a reload.
    await enter(editorPage, 'VZK, Stelle 1', '0,75')
    for (const page of screens) {
      await expect.poll(() => entryState(page, 'akr'), live).toBe('outdated')
      await expect.poll(() => entryState(page, 'wfb'), live).toBe('outdated')
      expect(await entry(page, 'akr').getByTestId('signature-state').textContent()).toContain('veraltet – Inhalt seit der Mitzeichnung geändert')
    }
    for (const page of [leadPage, ...screens]) await expect.poll(() => status(page), live).toBe('cosigning')
    await untilSaved(editorPage)

    // AKR asks what changed since its signature.
    await akrEntry.getByText('Was hat sich seit meiner Mitzeichnung geändert?').click()
    const change = akrEntry.getByTestId('change').first()
    await change.waitFor({ timeout: live.timeout })
    expect(await change.textContent()).toMatch(/Stelle 1 \(Koordinierende Steuerungsfunktion .*\) › VZK.*0,5.*0,75/)
    await akrPage.setViewportSize({ width: 1280, height: 1200 })
    await akrPage.locator('#section-cosign').screenshot({ path: path.join(artifacts, 'cosign-outdated.png') })

    // Both sign again; the status is "mitgezeichnet" everywhere.
    await sign(akrPage, 'akr', 'mit Hinweis', akrRemark, 'Erneut mitzeichnen')
    await sign(wfbPage, 'wfb', 'Einwand', wfbRemark, 'Erneut mitzeichnen')
    for (const page of [leadPage, ...screens]) {
      await expect.poll(() => status(page), live).toBe('cosigned')
      expect(await page.getByTestId('proposal-status').textContent()).toBe('mitgezeichnet')
    }
    for (const page of screens) await expect.poll(() => entryState(page, 'akr'), live).toBe('current')

    // The lead releases.
    const release = leadPage.getByRole('button', { name: 'Freigeben' })
    await expect.poll(() => release.isEnabled(), live).toBe(true)
    await release.click()
    // The confirmation lists the open points (here: WFB's objection) and releases on "Jetzt freigeben".
    await leadPage.getByRole('dialog', { name: 'Freigabe prüfen' }).getByRole('button', { name: 'Jetzt freigeben' }).click()
    for (const page of [leadPage, ...screens]) await expect.poll(() => status(page), live).toBe('released')
    expect(await leadPage.getByTestId('proposal-status').textContent()).toBe('freigegeben')
    await leadPage.getByText('Verlauf').click()
    const audit = leadPage.getByTestId('audit-entry')
    await expect.poll(() => audit.count(), live).toBeGreaterThanOrEqual(6)
    expect(await leadPage.getByTestId('audit-log').textContent()).toContain('mitgezeichnet: Einwand')
    await leadPage.getByRole('button', { name: 'Wieder öffnen' }).waitFor({ timeout: live.timeout })
    await leadPage.setViewportSize({ width: 1280, height: 1400 })
    await leadPage.locator('#section-cosign').screenshot({ path: path.join(artifacts, 'cosign-released.png') })

    // Editing is refused: read-only on the editor's screen …
    await expect.poll(() => editorPage.getByTestId('read-only-notice').textContent(), live).toContain('freigegeben')
    const fte = editorPage.getByLabel('VZK, Stelle 1', { exact: true })
    await expect.poll(() => fte.getAttribute('readonly'), live).not.toBeNull()
    expect(await editorPage.getByTestId('board').getAttribute('data-can-edit')).toBe('false')

    // … and at the Yjs level: the editor's update does not reach storage nor anyone else.
    const warnings: string[] = []
    const originalWarn = console.warn
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '))
    try {
      const own = connectClient(world.server.wsUrl, id, { cookie: world.cookies[editor]! })
      clients.push(own)
      await waitFor(() => own.provider.synced, { what: 'editor client synced', timeoutMs: live.timeout })
      const positionId = listPositions(own.doc)[0]!.id
      updatePosition(own.doc, positionId, { fte: 0.25 })
      await waitFor(() => warnings.some((w) => w.includes('read-only')), { what: 'refusal', timeoutMs: live.timeout })
    } finally {
      console.warn = originalWarn
    }
    const check = await connectSynced(world.server.wsUrl, id, world.cookies[lead]!)
    clients.push(check)
    expect(listPositions(check.doc)[0]!.fte).toBe(0.75)
    expect(listPositions(readStoredDoc(world.server.dataDir, id).doc)[0]!.fte).toBe(0.75)
    expect(await fieldValue(akrPage, 'VZK, Stelle 1')).toBe('0,75')

    // Reopening: editable again, and every signature outdated until it is given again.
    await leadPage.getByRole('button', { name: 'Wieder öffnen' }).click()
    for (const page of screens) {
      await expect.poll(() => status(page), live).toBe('cosigning')
      await expect.poll(() => entryState(page, 'akr'), live).toBe('outdated')
      expect(await entry(page, 'wfb').getByTestId('signature-state').textContent()).toContain('nach der Wiederöffnung')
    }
    await expect.poll(() => fte.getAttribute('readonly'), live).toBeNull()
    await Promise.all([leadPage, ...screens].map((page) => page.close()))
  })
})
