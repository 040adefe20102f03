// The account page in a real browser: a user changes their own password; a lead disables a member.
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { borrowBrowser, returnBrowser, signedInContext } from '../helpers/browser'
import { signIn } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'

const live = { timeout: 10_000 }
const artifacts = path.resolve(import.meta.dirname, '../artifacts')

describe('the account page', () => {
  let server: TestServer
  let browser: Browser
  const pageErrors: string[] = []

  beforeAll(async () => {
    server = await startTestServer()
    browser = await borrowBrowser()
  })
  afterAll(async () => {
    await returnBrowser(browser)
    await server?.stop()
  })

  it('a user changes their password from the account page; their other session ends', async () => {
    const elsewhere = await signIn(server.url, 'jobcenter.viewer')
    const context = await signedInContext(browser, server.url, 'jobcenter.viewer')
    try {
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto('/')
      await page.getByTestId('account-link').click()
      const form = page.getByTestId('password-form')
      await form.locator('input[name="current-password"]').fill('demo')
      await form.locator('input[name="new-password"]').fill('kurz')
      await form.locator('input[name="repeat-password"]').fill('kurz')
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => page.getByTestId('password-outcome').textContent(), live).toContain('at least 12 characters')

      await form.locator('input[name="new-password"]').fill('Rosenstein-Park-Weg-12')
      await form.locator('input[name="repeat-password"]').fill('Rosenstein-Park-Weg-12')
      await form.locator('button[type="submit"]').click()
      await expect.poll(() => page.getByTestId('password-outcome').textContent(), live).toContain('1 andere Anmeldung(en) beendet')
      expect((await apiClient(server.url, elsewhere).get('/me')).status).toBe(401)
      expect(await signIn(server.url, 'jobcenter.viewer', 'Rosenstein-Park-Weg-12')).toMatch(/^mz_session=/)
      expect(pageErrors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a lead disables a member of the department from the account page', async () => {
    const context = await signedInContext(browser, server.url, 'wfb.lead')
    try {
      const page = await context.newPage()
      await page.goto('/account')
      const row = page.getByTestId('member-wfb.viewer')
      await row.getByRole('button', { name: 'Sperren' }).click()
      await expect.poll(() => row.locator('td').nth(2).textContent(), live).toBe('gesperrt')
      expect(await apiClient(server.url).post('/login', { username: 'wfb.viewer', password: 'demo' })).toEqual({
        status: 403,
        body: { error: 'this account is disabled' },
      })
      // The lead's own row offers no way to lock themself out.
      await expect.poll(() => page.getByTestId('member-wfb.lead').getByRole('button').count(), live).toBe(0)
      fs.mkdirSync(artifacts, { recursive: true })
      await page.screenshot({ path: path.join(artifacts, 'account-lead.png'), fullPage: true })
    } finally {
      await context.close()
    }
  })
})
