// The whole sign-off by keyboard alone (BITV 2.0 / WCAG 2.1.1): WFB's lead signs in, follows the inbox
// entry to the board, chooses a vote, writes a remark and signs — Tab, Shift+Tab, Enter, Space and
// arrow keys only, no click and no focus set by the test — and every focus stop is visible. The
// panels that open over the board close on Escape and give the focus back.
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { focusIsOn, focusStop, tabTo } from '../helpers/keyboard'
import { waitFor } from '../helpers/wait'
import { live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const demo = 'demo9492019'

describe('signing off by keyboard alone', () => {
  let world: BoardWorld
  useBoardWorld([lead], (started) => (world = started), () => ({ env: { SEED_DEMO: 'all' } }))

  it('WFB signs in, opens the proposal from the inbox, votes with a remark and signs, and sees the signature current', async () => {
    const steer = apiClient(world.server.url, world.cookies[lead])
    expect((await steer.post(`/proposals/${demo}/cosigning`, { departments: [{ departmentId: 'wfb' }] })).status).toBe(200)

    const context = await world.browser.newContext({ baseURL: world.server.url, viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
    try {
      const page = await context.newPage()
      page.on('pageerror', (error) => world.pageErrors.push(`keyboard: ${error.message}`))
      await page.goto('/')
      await page.getByLabel('Passwort').waitFor({ timeout: live.timeout })

      // Sign in.
      await tabTo(page, 'input[name="username"]')
      await page.keyboard.type('wfb.lead')
      await tabTo(page, 'input[name="password"]')
      await page.keyboard.type('demo')
      await page.keyboard.press('Enter')
      const awaiting = `[data-testid="inbox-entry"][data-kind="awaiting"][data-proposal="${demo}"] [data-testid="inbox-link"]`
      await page.locator(awaiting).waitFor({ timeout: live.timeout })

      // The inbox entry leads to WFB's place on the board, and the focus goes with it.
      await tabTo(page, awaiting)
      await page.keyboard.press('Enter')
      await waitFor(() => focusIsOn(page, '#cosign-wfb'), { timeoutMs: live.timeout, what: "the focus on WFB's entry" })
      expect((await focusStop(page)).indicator).toBeNull()

      // The vote: "mit Hinweis" is two arrow presses down from "zur Kenntnis genommen".
      const stance = '[data-testid="sign-form"] select[data-testid="sign-stance"]'
      // The sign form's code loads when the entry shows it: a person waits for it to appear, so does the test.
      await page.locator(stance).waitFor({ timeout: live.timeout })
      await tabTo(page, stance, { max: 10 })
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('ArrowDown')
      expect(await page.locator(stance).inputValue()).toBe('remarks')

      // Forgetting the remark: the form says so and takes the focus to the field.
      await tabTo(page, '[data-testid="sign-submit"]', { max: 5 })
      await page.keyboard.press('Enter')
      await waitFor(() => focusIsOn(page, '[data-testid="sign-remark"]'), { timeoutMs: live.timeout, what: 'the focus on the remark' })
      expect(await page.getByTestId('sign-remark').getAttribute('aria-invalid')).toBe('true')
      const remark = 'Die Weiterförderung sollte zu den Konditionen der Landesförderung erfolgen.'
      await page.keyboard.type(remark)

      // Back and forth: Shift+Tab reaches the vote again, Tab the button; Space presses it.
      await tabTo(page, stance, { max: 3, backwards: true })
      await tabTo(page, '[data-testid="sign-submit"]', { max: 5 })
      await page.keyboard.press('Space')

      const entry = page.locator('[data-testid="cosign-entry"][data-department="wfb"]')
      await expect.poll(() => entry.getAttribute('data-state'), live).toBe('current')
      expect(await entry.getAttribute('data-stance')).toBe('remarks')
      expect(await entry.getByTestId('signature-remark').textContent()).toBe(remark)
      // The form is gone; the focus stays on the entry instead of falling to the page's start.
      await waitFor(() => focusIsOn(page, '#cosign-wfb'), { timeoutMs: live.timeout, what: "the focus back on WFB's entry" })
      expect((await focusStop(page)).indicator).toBeNull()
      await tabTo(page, '[data-testid="sign-change"]', { max: 10 })
    } finally {
      await context.close()
    }
  })

  it('the comments panel and the notification list open by keyboard, take the focus, and give it back on Escape', async () => {
    const page = await world.open(lead, `/p/${demo}`)
    await untilSaved(page)

    // The first stop skips the header: the focus lands in the main region, and Tab goes on from there.
    await tabTo(page, '[data-testid="skip-link"]', { max: 1 })
    await page.keyboard.press('Enter')
    expect(await focusIsOn(page, 'main')).toBe(true)
    await tabTo(page, 'main *', { max: 1 })
    await tabTo(page, '[data-testid="comments-toggle"]', { max: 30 })
    await page.keyboard.press('Enter')
    await page.getByTestId('comments-panel').waitFor({ timeout: live.timeout })
    await waitFor(() => focusIsOn(page, '[data-testid="comments-panel"] *'), { timeoutMs: live.timeout, what: 'the focus in the panel' })
    expect((await focusStop(page)).indicator).toBeNull()
    await page.keyboard.press('Escape')
    await page.getByTestId('comments-panel').waitFor({ state: 'detached', timeout: live.timeout })
    expect(await focusIsOn(page, '[data-testid="comments-toggle"]')).toBe(true)

    await tabTo(page, '[data-testid="notification-bell"]', { max: 30, backwards: true })
    await page.keyboard.press('Enter')
    expect(await page.getByTestId('notification-bell').getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('notification-bell').getAttribute('aria-expanded')).toBe('false')
    expect(await focusIsOn(page, '[data-testid="notification-bell"]')).toBe(true)
  })
})
