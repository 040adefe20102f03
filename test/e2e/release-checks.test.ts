// The release confirmation in a real browser: "Freigeben" opens a modal dialog listing every open
// point; with all signatures current it releases on confirmation, with a missing signature it needs
// a reason, which the Verlauf then shows.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { live, useBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const akr = 'akr.lead'

const status = (page: Page) => page.getByTestId('proposal-status').getAttribute('data-status')
/** Whether the focused element sits inside the release dialog. */
const focusInDialog = (page: Page) =>
  page.evaluate(() => !!document.activeElement?.closest('[data-testid="release-dialog"]'))

describe('release confirmation on the board', () => {
  let world: BoardWorld
  const api = (user: string) => apiClient(world.server.url, world.cookies[user])

  /** A blank proposal (no signatory, no consultations), its round started for AKR. */
  async function inCosigning(title: string) {
    const { id } = await world.createProposal({ title }, lead)
    expect((await api(lead).post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
    return id
  }

  // OParl on: the versions page of a released paper shows its stable OParl URL.
  useBoardWorld([lead, akr], (started) => (world = started), () => ({ env: { OPARL_PUBLIC: 'true' } }))

  it('the lead clicks Freigeben, sees an open thread and a missing signatory, confirms, and the proposal is released; its versions page shows the OParl URL', async () => {
    const id = await inCosigning('Sprachkurse')
    expect((await api(akr).post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    expect((await api(akr).post(`/proposals/${id}/threads`, { anchor: { kind: 'proposal' }, text: 'Ist die Raumfrage geklärt?' })).status).toBe(201)
    const page = await world.open(lead, `/p/${id}`)
    await untilSaved(page)
    await expect.poll(() => status(page), live).toBe('cosigned')

    await page.getByRole('button', { name: 'Freigeben' }).click()
    const dialog = page.getByRole('dialog', { name: 'Freigabe prüfen' })
    await dialog.waitFor({ timeout: live.timeout })
    await expect.poll(() => focusInDialog(page), live).toBe(true)
    const soft = dialog.getByTestId('release-soft')
    expect(await soft.locator('li').allTextContents()).toEqual(
      expect.arrayContaining(['Keine unterzeichnende Person im Kopf angegeben.', 'Offener Kommentar: „Ist die Raumfrage geklärt?“']),
    )
    expect(await dialog.getByTestId('release-hard').count()).toBe(0)
    expect(await dialog.getByTestId('release-reason').count()).toBe(0)
    // Nothing is released before the confirmation.
    expect(await status(page)).toBe('cosigned')

    await dialog.getByRole('button', { name: 'Jetzt freigeben' }).click()
    await expect.poll(() => status(page), live).toBe('released')
    expect(await page.getByTestId('release-dialog').count()).toBe(0)

    // "Fassungen und Export" names where the council information system reads the released paper.
    await page.goto(`/p/${id}/versions`)
    const oparl = page.getByTestId('oparl-paper-url')
    await oparl.waitFor({ timeout: live.timeout })
    expect(await oparl.getAttribute('href')).toBe(`${world.server.url}/oparl/v1/paper/${id}`)
    expect(await oparl.textContent()).toBe(`${world.server.url}/oparl/v1/paper/${id}`)
  })

  it('with a missing signature the dialog needs a reason; Escape cancels back to the button; the reason ends up in the Verlauf', async () => {
    const id = await inCosigning('Integrationsmanagement')
    const page = await world.open(lead, `/p/${id}`)
    await untilSaved(page)
    await expect.poll(() => status(page), live).toBe('cosigning')

    const button = page.getByRole('button', { name: 'Freigeben' })
    await button.click()
    const dialog = page.getByRole('dialog', { name: 'Freigabe prüfen' })
    await dialog.waitFor({ timeout: live.timeout })
    expect(await dialog.getByTestId('release-hard').locator('li').allTextContents()).toEqual([expect.stringMatching(/AKR.*Mitzeichnung fehlt/)])
    const reason = dialog.getByLabel('Begründung für die Freigabe trotz fehlender oder veralteter Mitzeichnungen')
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement), live).toBe(true)

    // Escape cancels: the dialog is gone and focus is back on "Freigeben".
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('release-dialog').count(), live).toBe(0)
    await expect.poll(() => button.evaluate((el) => el === document.activeElement), live).toBe(true)

    await button.click()
    await dialog.waitFor({ timeout: live.timeout })
    // A too short reason is not sent.
    await reason.fill('eilig')
    await dialog.getByRole('button', { name: 'Trotzdem freigeben' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent(), live).toContain('mindestens 10 Zeichen')
    expect(await status(page)).toBe('cosigning')

    const why = 'Eilentscheidung des Oberbürgermeisters, AKR zeichnet nach.'
    await reason.fill(why)
    await dialog.getByRole('button', { name: 'Trotzdem freigeben' }).click()
    await expect.poll(() => status(page), live).toBe('released')
    await page.getByText('Verlauf').click()
    await expect.poll(() => page.getByTestId('audit-log').textContent(), live).toContain(why)
  })
})
