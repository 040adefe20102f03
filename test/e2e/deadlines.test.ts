// Deadlines on the board, in real browsers, with the server's clock moved instead of waited for: the
// lead starts the round with a deadline for WFB, the Friday comes, WFB turns "überfällig" on every open
// board while AKR, which signed, does not; the lead extends WFB's deadline and the mark goes.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { artifacts, live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const wfb = 'wfb.lead'
const entry = (page: Page, department: string) => page.locator(`[data-testid="cosign-entry"][data-department="${department}"]`)
const deadlineOf = (page: Page, department: string) => entry(page, department).getByTestId('deadline-line')

describe('co-signing deadlines on the board', () => {
  let world: BoardWorld
  useBoardWorld([lead, wfb, 'akr.lead'], (started) => (world = started))

  it('a department becomes overdue when the clock passes its deadline, live; the lead extends it', async () => {
    world.server.clock.set('2025-11-03T10:00:00+01:00')
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const [leadPage, wfbPage] = await Promise.all([world.open(lead, `/p/${id}`), world.open(wfb, `/p/${id}`)])
    await Promise.all([untilSaved(leadPage), untilSaved(wfbPage)])

    // The lead chooses AKR (usual deadline) and WFB (Wednesday) and starts the round.
    const form = leadPage.getByTestId('involvement-form')
    await form.getByTestId('involve-akr').getByRole('checkbox', { name: 'Referat AKR' }).check()
    await form.getByTestId('involve-wfb').getByRole('checkbox', { name: 'Referat WFB' }).check()
    await form.getByTestId('due-wfb').fill('2025-11-05')
    await form.getByTestId('start-cosigning').click()

    await expect.poll(() => deadlineOf(wfbPage, 'wfb').textContent(), live).toContain('Frist: 05.11.2025')
    expect(await deadlineOf(wfbPage, 'wfb').textContent()).toContain('bald fällig')
    // Ten working days from Monday 3 November.
    await expect.poll(() => deadlineOf(wfbPage, 'akr').textContent(), live).toContain('Frist: 17.11.2025')
    expect(await apiClient(world.server.url, world.cookies['akr.lead']).post(`/proposals/${id}/signatures`, { stance: 'approved' })).toMatchObject({ status: 200 })

    // Friday 21 November: both deadlines have passed; AKR signed in time, WFB did not.
    world.server.clock.set('2025-11-21T09:00:00+01:00')
    await world.server.runScheduledWork()
    for (const page of [leadPage, wfbPage]) {
      await expect.poll(() => deadlineOf(page, 'wfb').getAttribute('data-overdue'), live).toBe('true')
      expect(await deadlineOf(page, 'wfb').getByTestId('overdue').textContent()).toBe('überfällig')
      await expect.poll(() => entry(page, 'akr').getAttribute('data-state'), live).toBe('current')
      expect(await deadlineOf(page, 'akr').getByTestId('overdue').count()).toBe(0)
    }
    // Only the lead of the leading department may extend.
    expect(await deadlineOf(wfbPage, 'wfb').getByTestId('extend-deadline').count()).toBe(0)
    await entry(leadPage, 'wfb').scrollIntoViewIfNeeded()
    await leadPage.screenshot({ path: path.join(artifacts, 'deadline-overdue.png') })

    await deadlineOf(leadPage, 'wfb').getByTestId('extend-deadline').click()
    await leadPage.getByLabel('Neue Frist für Referat WFB').fill('2025-11-28')
    await leadPage.getByRole('button', { name: 'Verlängern', exact: true }).click()
    for (const page of [leadPage, wfbPage]) {
      await expect.poll(() => deadlineOf(page, 'wfb').getAttribute('data-overdue'), live).toBe('false')
      expect(await deadlineOf(page, 'wfb').textContent()).toContain('Frist: 28.11.2025')
      expect(await deadlineOf(page, 'wfb').textContent()).toContain('verlängert')
    }
    await Promise.all([leadPage.close(), wfbPage.close()])
  })
})
