// A link with a script target can no longer enter a document, but one stored before the server
// checked must still be inert: on the board and on the version page it renders without an href.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { borrowBrowser, returnBrowser, signedInContext } from '../helpers/browser'
import { signIn } from '../helpers/clients'
import { prependBodyParagraph, writeStoredDoc } from '../helpers/stored-content'
import { apiClient } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { assertClientBuilt } from './board-helpers'

/** Every link in the rich text of the page: its text and its href attribute. */
const linksOn = (page: Page) =>
  page.locator('.rich-text a').evaluateAll((anchors) => anchors.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })))

describe('links with a script target stored before the server checked', () => {
  let server: TestServer
  let browser: Browser
  let proposalId: string

  beforeAll(async () => {
    assertClientBuilt()
    server = await startTestServer()
    const cookie = await signIn(server.url, 'sozialamt.editor')
    proposalId = (await apiClient(server.url, cookie).post<{ id: string }>('/proposals', { title: 'Alte Links', template: 'pakt-949-2019' })).body.id
    // Written straight into the update log while the server is down, as an old server would have stored it.
    await server.stop()
    writeStoredDoc(server.dataDir, proposalId, (doc) =>
      prependBodyParagraph(doc, [
        { text: 'Skript-Link', href: 'javascript:window.__clicked=true' },
        { text: ' und ' },
        { text: 'Stadt-Link', href: 'https://www.stuttgart.de/' },
      ]),
    )
    await server.restart()
    browser = await borrowBrowser()
  })
  afterAll(async () => {
    await returnBrowser(browser)
    await server?.stop()
  })

  for (const [where, pagePath] of [
    ['the board', () => `/p/${proposalId}`],
    ['the version page', () => `/p/${proposalId}/versions/draft`],
  ] as const) {
    it(`renders it on ${where} as text without an href; following it runs no script`, async () => {
      const context = await signedInContext(browser, server.url, 'sozialamt.viewer')
      try {
        const page = await context.newPage()
        const dialogs: string[] = []
        page.on('dialog', (dialog) => {
          dialogs.push(dialog.message())
          void dialog.dismiss()
        })
        await page.goto(pagePath())
        await page.locator('.rich-text a', { hasText: 'Stadt-Link' }).first().waitFor({ timeout: 20_000 })
        const links = await linksOn(page)
        expect(links).toContainEqual({ text: 'Skript-Link', href: null })
        expect(links).toContainEqual({ text: 'Stadt-Link', href: 'https://www.stuttgart.de/' })
        expect(links.filter((l) => /^\s*(javascript|data|vbscript):/i.test(l.href ?? ''))).toEqual([])
        await page.locator('.rich-text a', { hasText: 'Skript-Link' }).first().click()
        expect(await page.evaluate(() => (window as unknown as { __clicked?: boolean }).__clicked ?? false)).toBe(false)
        expect(dialogs).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
