// Suggestions in real browsers (issue 13, item 4): the lead sets the Jobcenter to "nur Vorschläge";
// the Jobcenter suggests in the Begründung and in a Sozialamt position; both screens show them inline;
// the Jobcenter's signature stays current until the Sozialamt accepts, and only then goes outdated.
// A direct edit from the suggest-only Jobcenter is refused by the server.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { listPositions, listResolutionItems, listSuggestions, readBody, richTextToPlain, titleText } from '../../shared/model'
import { connectClient, type Client } from '../helpers/clients'
import { readStoredDoc } from '../helpers/database'
import { waitFor } from '../helpers/wait'
import { artifacts, bodyEditor, live, me, startBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const jobcenterLead = 'jobcenter.lead'
const jobcenter = 'jobcenter.editor'
const akr = 'akr.editor'

const status = (page: Page) => page.getByTestId('proposal-status').getAttribute('data-status')
const signatureState = (page: Page, department: string) =>
  page.locator(`[data-testid="cosign-entry"][data-department="${department}"]`).getAttribute('data-state')
const inserted = (page: Page) => page.locator('#body-editor [data-testid="suggestion-insertion"]')

/** The first two paragraphs of the Begründung with their suggestions, clear of the sticky bar. */
async function screenshotSuggestions(page: Page): Promise<void> {
  const paragraphs = bodyEditor(page).locator('p')
  await paragraphs.first().evaluate((el) => el.scrollIntoView({ block: 'center' }))
  const first = (await paragraphs.first().boundingBox())!
  const second = (await paragraphs.nth(1).boundingBox())!
  const pad = 12
  await page.screenshot({
    path: path.join(artifacts, 'suggestion-inline.png'),
    clip: { x: first.x - pad, y: first.y - pad, width: first.width + 2 * pad, height: second.y + second.height - first.y + 2 * pad },
  })
}

describe('suggestions on the board', () => {
  let world: BoardWorld
  const clients: Client[] = []

  beforeAll(async () => {
    world = await startBoardWorld([lead, jobcenterLead, jobcenter, akr])
  })
  afterEach((context) => {
    for (const client of clients.splice(0)) client.destroy()
    if (context.task.result?.state === 'fail') console.error(`server output:\n${world.server.output()}`)
    expect(world.pageErrors.splice(0), 'uncaught errors in the pages').toEqual([])
  })
  afterAll(async () => {
    await world?.close()
  })

  it("the Jobcenter suggests in the Begründung and a Sozialamt position; its signature goes outdated only when the Sozialamt accepts", async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const url = `/p/${id}`
    const leadPage = await world.open(lead, url)
    await untilSaved(leadPage)

    // The lead involves the Jobcenter with suggestions only and starts the round.
    const row = leadPage.getByTestId('involvement-form').getByTestId('involve-jobcenter')
    await row.getByLabel('Jobcenter').check()
    await row.getByTestId('suggest-only-jobcenter').check()
    await leadPage.getByRole('button', { name: 'Mitzeichnung starten' }).click()
    await expect.poll(() => status(leadPage), live).toBe('cosigning')

    // The Jobcenter's lead signs; the signature is current.
    const signed = await fetch(`${world.server.url}/api/proposals/${id}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: world.cookies[jobcenterLead]! },
      body: JSON.stringify({ stance: 'approved' }),
    })
    expect(signed.status).toBe(200)
    await expect.poll(() => signatureState(leadPage, 'jobcenter'), live).toBe('current')

    const jcPage = await world.open(jobcenter, url)
    await untilSaved(jcPage)
    await jcPage.getByTestId('suggest-forced').waitFor({ timeout: live.timeout })
    const { displayName } = await me(jcPage)
    const bodyBefore = richTextToPlain(readBody(readStoredDoc(world.server.dataDir, id).doc))

    // In the Begründung: typing at the end of the first paragraph becomes one suggestion.
    const firstParagraph = bodyEditor(jcPage).locator('p').first()
    // Right of the last line's end: the caret lands at the end of the paragraph.
    const box = (await firstParagraph.boundingBox())!
    await firstParagraph.click({ position: { x: box.width - 2, y: box.height - 4 } })
    await jcPage.keyboard.type(' Das Jobcenter ergänzt diesen Satz.')
    for (const page of [jcPage, leadPage]) {
      await expect.poll(() => inserted(page).textContent(), live).toBe(' Das Jobcenter ergänzt diesen Satz.')
    }
    expect(await inserted(leadPage).getAttribute('title')).toContain(displayName)
    // A word of the second paragraph replaced: struck through, the new one underlined after it.
    const secondParagraph = bodyEditor(jcPage).locator('p').nth(1)
    await secondParagraph.dblclick()
    await jcPage.keyboard.type('Ersatzwort')
    for (const page of [jcPage, leadPage]) {
      await expect.poll(() => page.locator('#body-editor [data-testid="suggestion-deletion"]').count(), live).toBe(1)
      await expect.poll(() => inserted(page).count(), live).toBe(2)
    }
    // The text itself is unchanged: suggestions are not content.
    await expect.poll(() => listSuggestions(readStoredDoc(world.server.dataDir, id).doc).length, live).toBe(2)
    expect(richTextToPlain(readBody(readStoredDoc(world.server.dataDir, id).doc))).toBe(bodyBefore)
    const replaced = listSuggestions(readStoredDoc(world.server.dataDir, id).doc).find((s) => s.insert === 'Ersatzwort')!
    expect(replaced.deleted.trim().length).toBeGreaterThan(0)

    // In a Sozialamt position: the function field takes a suggestion on Enter.
    const stored = readStoredDoc(world.server.dataDir, id).doc
    const index = listPositions(stored).findIndex((p) => p.department === 'sozialamt')
    const position = listPositions(stored)[index]!
    const functionField = jcPage.getByLabel(`Funktion, Stelle ${index + 1}`, { exact: true })
    await functionField.fill('Fallmanagement U25')
    await functionField.press('Enter')
    const leadCard = leadPage.locator(`[data-testid="position-row"][data-row-id="${position.id}"] [data-testid="suggestion"]`)
    await leadCard.waitFor({ timeout: live.timeout })
    expect(await leadCard.locator('ins').textContent()).toBe('Fallmanagement U25')
    expect(await leadPage.getByLabel(`Funktion, Stelle ${index + 1}`, { exact: true }).inputValue()).toBe(position.function)

    await screenshotSuggestions(leadPage)
    await leadPage.getByTestId('suggestions-panel').screenshot({ path: path.join(artifacts, 'suggestions-panel.png') })
    await jcPage.locator(`[data-testid="position-row"][data-row-id="${position.id}"]`).screenshot({ path: path.join(artifacts, 'suggestion-field.png') })

    // Pending suggestions outdate nothing.
    await expect.poll(() => listSuggestions(readStoredDoc(world.server.dataDir, id).doc).length, live).toBe(3)
    expect(await signatureState(leadPage, 'jobcenter')).toBe('current')
    expect(await status(leadPage)).toBe('cosigned')

    // The Sozialamt accepts all of the Jobcenter editor's suggestions.
    await leadPage.getByTestId('suggestion-accept-all').click()
    for (const page of [leadPage, jcPage]) {
      await expect.poll(() => signatureState(page, 'jobcenter'), live).toBe('outdated')
      await expect.poll(() => page.locator('[data-testid="suggestion"]').count(), live).toBe(0)
    }
    await expect.poll(() => status(leadPage), live).toBe('cosigning')
    await expect.poll(() => firstParagraph.textContent(), live).toContain('Das Jobcenter ergänzt diesen Satz.')
    await expect.poll(() => jcPage.getByLabel(`Funktion, Stelle ${index + 1}`, { exact: true }).inputValue(), live).toBe('Fallmanagement U25')
    const after = readStoredDoc(world.server.dataDir, id).doc
    const bodyAfter = richTextToPlain(readBody(after))
    expect(bodyAfter).toContain('Das Jobcenter ergänzt diesen Satz.')
    expect(bodyAfter).toContain('Ersatzwort')
    expect(bodyAfter.length).toBe(bodyBefore.length + ' Das Jobcenter ergänzt diesen Satz.'.length + 'Ersatzwort'.length - replaced.deleted.length)
    expect(listPositions(after)[index]!.function).toBe('Fallmanagement U25')

    // The Verlauf shows both decisions, naming the suggester.
    const audit = (await (await fetch(`${world.server.url}/api/proposals/${id}/audit`, { headers: { cookie: world.cookies[lead]! } })).json()) as {
      action: string
      detail: { authorName?: string }
    }[]
    const accepted = audit.filter((e) => e.action === 'suggestion accepted')
    expect(accepted.map((e) => e.detail.authorName)).toEqual([displayName, displayName, displayName])
  })

  it("a direct edit from the suggest-only Jobcenter is refused by the server and reaches no screen", async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const round = await fetch(`${world.server.url}/api/proposals/${id}/cosigning`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: world.cookies[lead]! },
      body: JSON.stringify({ departments: [{ departmentId: 'jobcenter', editMode: 'suggest' }] }),
    })
    expect(round.status).toBe(200)
    const leadPage = await world.open(lead, `/p/${id}`)
    await untilSaved(leadPage)
    const forged = connectClient(world.server.wsUrl, id, { cookie: world.cookies[jobcenter]! })
    clients.push(forged)
    await waitFor(() => forged.provider.synced, { what: 'jobcenter client synced' })
    const denied: string[] = []
    const originalWarn = console.warn
    console.warn = (...args: unknown[]) => denied.push(args.join(' '))
    try {
      titleText(forged.doc).insert(0, 'DIREKT ')
      await waitFor(() => denied.some((w) => w.includes('read-only')), { what: 'permission denied' })
    } finally {
      console.warn = originalWarn
    }
    // The lead's own edit after it arrives; the Jobcenter's never does.
    await leadPage.getByLabel('Betreff', { exact: true }).focus()
    await leadPage.keyboard.press('End')
    await leadPage.keyboard.type(' (Entwurf)')
    await untilSaved(leadPage)
    expect(titleText(readStoredDoc(world.server.dataDir, id).doc).toString()).toBe('Pakt für Integration (Entwurf)')
    expect(await leadPage.getByLabel('Betreff', { exact: true }).inputValue()).toBe('Pakt für Integration (Entwurf)')
  })

  it('an involved editor switches to Vorschlagen for a Beschlussantrag item; the lead rejects it; back in Bearbeiten the edit is direct', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const round = await fetch(`${world.server.url}/api/proposals/${id}/cosigning`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: world.cookies[lead]! },
      body: JSON.stringify({ departments: [{ departmentId: 'akr' }] }),
    })
    expect(round.status).toBe(200)
    const url = `/p/${id}`
    const [leadPage, akrPage] = [await world.open(lead, url), await world.open(akr, url)]
    await Promise.all([leadPage, akrPage].map(untilSaved))
    const item = (page: Page) => page.getByTestId('resolution-item').first().locator('p').first()
    const itemText = () => listResolutionItems(readStoredDoc(world.server.dataDir, id).doc)[0]!.text
    const before = itemText()

    await akrPage.getByTestId('mode-suggest').click()
    // Each item is an editor of its own: Ctrl+End is the end of this item.
    await item(akrPage).click()
    await akrPage.keyboard.press('Control+End')
    await akrPage.keyboard.type(' (Vorschlag AKR)')
    const leadInline = leadPage.getByTestId('resolution-item').first().locator('[data-testid="suggestion-insertion"]')
    await expect.poll(() => leadInline.textContent(), live).toBe(' (Vorschlag AKR)')
    expect(itemText()).toBe(before)

    await leadPage.getByTestId('suggestions-panel').getByTestId('suggestion-reject').click()
    for (const page of [leadPage, akrPage]) await expect.poll(() => page.locator('[data-testid="suggestion-insertion"]').count(), live).toBe(0)
    expect(itemText()).toBe(before)
    const audit = (await (await fetch(`${world.server.url}/api/proposals/${id}/audit`, { headers: { cookie: world.cookies[lead]! } })).json()) as { action: string }[]
    expect(audit.map((e) => e.action)).toContain('suggestion rejected')

    // Back to editing: the same typing changes the text itself.
    await akrPage.getByTestId('mode-edit').click()
    await item(akrPage).click()
    await akrPage.keyboard.press('Control+End')
    await akrPage.keyboard.type(' direkt')
    await untilSaved(akrPage)
    await expect.poll(() => itemText(), live).toContain('direkt')
    expect(itemText().length).toBe(before.length + ' direkt'.length)
  })
})
