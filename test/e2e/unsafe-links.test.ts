// A link with a script target can no longer enter a document, but one stored before the server
// checked must still be inert: on the board and on the version page it renders without an href.
import Database from 'better-sqlite3'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyFragment } from '../../shared/model'
import { launchBrowser, signedInContext } from '../helpers/browser'
import { connectSynced, signIn } from '../helpers/clients'
import { apiClient } from '../helpers/api'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { assertClientBuilt } from './board-helpers'

/** A paragraph with a script link and an ordinary one, as y-prosemirror stores marks. */
function linkParagraph(doc: Y.Doc): void {
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  text.insert(0, 'Skript-Link', { link: { href: 'javascript:window.__clicked=true' } })
  text.insert(text.length, ' und ')
  text.insert(text.length, 'Stadt-Link', { link: { href: 'https://www.stuttgart.de/' } })
  bodyFragment(doc).insert(0, [paragraph])
}

/** Every link in the rich text of the page: its text and its href attribute. */
const linksOn = (page: Page) =>
  page.locator('.rich-text a').evaluateAll((anchors) => anchors.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })))

describe('links with a script target stored before the server checked', () => {
  let server: ServerProcess
  let browser: Browser
  let proposalId: string

  beforeAll(async () => {
    assertClientBuilt()
    server = await startServerProcess()
    const cookie = await signIn(server.url, 'sozialamt.editor')
    proposalId = (await apiClient(server.url, cookie).post<{ id: string }>('/proposals', { title: 'Alte Links', template: 'pakt-949-2019' })).body.id
    const client = await connectSynced(server.wsUrl, proposalId, cookie)
    const before = Y.encodeStateVector(client.doc)
    linkParagraph(client.doc)
    const legacy = Y.encodeStateAsUpdate(client.doc, before)
    client.destroy()
    // Written straight into the update log while the server is down, as an old server would have stored it.
    await server.stop()
    const sqlite = new Database(path.join(server.dataDir, 'mitzeichnung.sqlite'))
    try {
      sqlite.prepare('insert into doc_updates (doc_name, "update") values (?, ?)').run(proposalId, Buffer.from(legacy))
    } finally {
      sqlite.close()
    }
    await server.restart()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
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
