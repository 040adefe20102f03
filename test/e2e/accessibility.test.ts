// BITV 2.0 (WCAG 2.1 AA) in real Chromium: axe-core finds no violation on any page — sign-in, inbox
// with the proposal list, the demo proposal's board with signatures and comments open, its versions,
// one version, the settings and the account page.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { axeReport, axeViolations } from '../helpers/axe'
import { live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const akr = 'akr.lead'
const wfb = 'wfb.lead'
/** Seeded at start-up (SEED_DEMO=all): the Pakt für Integration, 949/2019. */
const demo = 'demo9492019'

async function expectNoViolations(page: Page, what: string) {
  const violations = await axeViolations(page)
  expect(violations, `${what} has WCAG 2.1 AA violations:\n${axeReport(violations)}`).toEqual([])
}

describe('accessibility (WCAG 2.1 AA by axe-core)', () => {
  let world: BoardWorld
  let versionId: string
  useBoardWorld(
    [lead, akr, wfb],
    (started) => (world = started),
    () => ({ env: { SEED_DEMO: 'all' } }),
  )

  it('the check itself reports what a page built with faults gets wrong, and what to fix', async () => {
    const context = await world.browser.newContext()
    try {
      const page = await context.newPage()
      await page.setContent(
        '<html lang="de"><head><title>Fehler</title></head><body><main><h1>Fehler</h1><img src="data:,"><p style="color:#bbb;background:#fff">blass</p>' +
          '<input type="text"><button></button></main></body></html>',
      )
      const violations = await axeViolations(page)
      expect(violations.map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast', 'image-alt', 'label'])
      expect(axeReport(violations)).toMatch(/image-alt \(critical\): Images must have alternative text .*\n\s+img: /)
      // A node excluded with its reason is not judged; the others still are.
      const rest = await axeViolations(page, { exclude: [{ selector: 'img', why: 'the test says so' }] })
      expect(rest.map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast', 'label'])
    } finally {
      await context.close()
    }
  })

  it('the demo proposal gets a round, a signature, comments and a saved version', async () => {
    const steer = apiClient(world.server.url, world.cookies[lead])
    const started = await steer.post(`/proposals/${demo}/cosigning`, {
      departments: [{ departmentId: 'akr', sections: ['positions', 'resolution'] }, { departmentId: 'wfb' }],
    })
    expect(started.status).toBe(200)
    const asAkr = apiClient(world.server.url, world.cookies[akr])
    expect((await asAkr.post(`/proposals/${demo}/signatures`, { stance: 'remarks', remark: 'Ermächtigungen statt Stellen.' })).status).toBe(200)
    const thread = await asAkr.post<{ id: string }>(`/proposals/${demo}/threads`, {
      anchor: { kind: 'proposal' },
      text: '@Sozialamt Bitte die Eingruppierung prüfen.',
    })
    expect(thread.status).toBe(201)
    expect((await steer.post(`/proposals/${demo}/threads/${thread.body.id}/replies`, { text: 'Ist geprüft, E 11 passt.' })).status).toBe(201)
    const version = await steer.post<{ id: string }>(`/proposals/${demo}/versions`, { name: 'Fassung für SGA' })
    expect(version.status).toBe(201)
    versionId = version.body.id
  })

  it('the sign-in page', async () => {
    const context = await world.browser.newContext({ baseURL: world.server.url, locale: 'de-DE' })
    try {
      const page = await context.newPage()
      await page.goto('/')
      await page.getByLabel('Passwort').waitFor({ timeout: live.timeout })
      await expectNoViolations(page, 'the sign-in page')
      // The failed sign-in's message is part of the page too.
      await page.getByLabel('Benutzername').fill('nobody')
      await page.getByLabel('Passwort').fill('wrong')
      await page.keyboard.press('Enter')
      await page.getByTestId('login-error').waitFor({ timeout: live.timeout })
      await expectNoViolations(page, 'the sign-in page with an error')
    } finally {
      await context.close()
    }
  })

  it('the first page: inbox and proposal list', async () => {
    const page = await world.open(wfb, '/')
    await page.getByTestId('inbox-entry').first().waitFor({ timeout: live.timeout })
    await page.locator(`[data-testid="proposal-row"][data-id="${demo}"]`).waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the inbox and list')
    await page.getByTestId('notification-bell').click()
    await page.getByTestId('notification-panel').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the first page with the notifications open')
    await page.keyboard.press('Escape')
    // English is a choice on every page; the page's language follows it.
    await page.getByTestId('lang-en').click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.getByRole('heading', { name: 'For me to do' }).waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the first page in English')
    await page.getByTestId('lang-de').click()
  })

  it('the board of the demo proposal, with signatures and the comments panel open', async () => {
    const page = await world.open(lead, `/p/${demo}`)
    await untilSaved(page)
    await page.locator('[data-testid="cosign-entry"][data-department="akr"][data-state="current"]').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the board')
    await page.getByTestId('comments-toggle').click()
    await page.getByTestId('comments-panel').getByTestId('thread').first().waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the board with comments')
    await page.keyboard.press('Escape')
    await page.getByTestId('release').click()
    await page.getByTestId('release-dialog').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the release dialog')
    await page.keyboard.press('Escape')
    await page.getByTestId('release-dialog').waitFor({ state: 'detached', timeout: live.timeout })
  })

  it('the board of a draft, where the lead chooses the departments', async () => {
    const page = await world.open(lead, '/p/demointegration20222023')
    await untilSaved(page)
    await page.getByTestId('involvement-form').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the board of a draft')
  })

  it('the board as a department that still has to sign (the sign form)', async () => {
    const page = await world.open(wfb, `/p/${demo}`)
    await untilSaved(page)
    await page.getByTestId('sign-form').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the board with the sign form')
  })

  it('the versions page and one version', async () => {
    const page = await world.open(lead, `/p/${demo}/versions`)
    await page.getByTestId('version-row').first().waitFor({ timeout: live.timeout })
    await page.getByTestId('draft-heading').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the versions page')
    await page.goto(`/p/${demo}/versions/${versionId}`)
    await page.getByTestId('version-title').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'a version')
  })

  it('the settings and the account page', async () => {
    const page = await world.open(lead, '/settings')
    await page.locator('form').first().waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the settings page')
    await page.goto('/account')
    await page.getByTestId('account-link').waitFor({ timeout: live.timeout })
    await page.locator('main h1').waitFor({ timeout: live.timeout })
    await expectNoViolations(page, 'the account page')
  })
})
