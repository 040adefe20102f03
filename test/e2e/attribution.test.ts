// Who changed what, in the browser: after Jonas Weber (Sozialamt) changes a VZK and types in the
// Begründung, AKR's change list since its signature names him, the Verlauf shows his edits as one entry,
// and "Autoren zeigen" colours his words in the Begründung.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { artifacts, bodyEditor, enter, live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'

const entry = (page: Page, department: string) => page.locator(`[data-testid="cosign-entry"][data-department="${department}"]`)

describe('attribution on the board', () => {
  let world: BoardWorld
  useBoardWorld([lead, editor, akr], (started) => (world = started))

  it('names the person and department of a VZK change, groups their edits in the Verlauf and colours their words', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', template: 'pakt-949-2019' }, lead)
    const departments = [{ departmentId: 'akr', sections: ['positions'] }]
    expect((await apiClient(world.server.url, world.cookies[lead]).post(`/proposals/${id}/cosigning`, { departments })).status).toBe(200)
    expect((await apiClient(world.server.url, world.cookies[akr]).post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    const [editorPage, akrPage] = await Promise.all([world.open(editor, `/p/${id}`), world.open(akr, `/p/${id}`)])
    await Promise.all([untilSaved(editorPage), untilSaved(akrPage)])

    await enter(editorPage, 'VZK, Stelle 1', '0,75')
    await bodyEditor(editorPage).click()
    await editorPage.keyboard.press('Control+End')
    await editorPage.keyboard.type(' Ergänzt von Jonas.')
    await untilSaved(editorPage)

    // AKR's change list since its signature names who changed the VZK, from where, and when.
    const akrEntry = entry(akrPage, 'akr')
    await expect.poll(() => akrEntry.getAttribute('data-state'), live).toBe('outdated')
    await akrEntry.getByText('Was hat sich seit meiner Mitzeichnung geändert?').click()
    const change = akrEntry.getByTestId('change').filter({ hasText: 'VZK' })
    await change.waitFor({ timeout: live.timeout })
    expect(await change.textContent()).toMatch(/0,5.*→.*0,75 — Jonas Weber, Sozialamt, \d{2}\.\d{2}\. \d{2}:\d{2}$/)

    // The Verlauf: Jonas's VZK change and his typing are one entry, not one line per keystroke.
    await akrPage.getByText('Verlauf', { exact: true }).click()
    const edits = akrPage.locator('[data-testid="audit-entry"][data-action="content edited"]').filter({ hasText: 'Jonas Weber' })
    await expect.poll(() => edits.count(), live).toBe(1)
    expect(await edits.textContent()).toMatch(/Sozialamt.*Inhalt bearbeitet: Begründung, Stellen und Ermächtigungen \(\d+ Änderungen\)/)
    await akrPage.setViewportSize({ width: 1280, height: 1400 })
    await akrPage.locator('#section-cosign').screenshot({ path: path.join(artifacts, 'attribution-changes-verlauf.png') })

    // "Autoren zeigen": Jonas's words in the Begründung carry his name (and colour).
    await akrPage.locator('#section-body').getByTestId('authors-toggle').click()
    const jonasRuns = akrPage.locator('#section-body .authored-run[data-author="Jonas Weber, Sozialamt"]')
    await expect.poll(() => jonasRuns.allTextContents(), live).toContain(' Ergänzt von Jonas.')
    expect(await akrPage.getByTestId('author-legend').textContent()).toContain('Jonas Weber, Sozialamt')
    await akrPage.locator('#section-body').screenshot({ path: path.join(artifacts, 'attribution-authors.png') })
  })
})
