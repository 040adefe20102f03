// Edits made offline live in the browser's IndexedDB: they survive a closed tab and a browser restart, reach the
// server on the next visit, keep the badge honest, warn before leaving, and are gone after signing out.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBodyText } from '../../shared/model'
import { borrowBrowser, chromiumArgs, returnBrowser, signedInContext } from '../helpers/browser'
import { connectSynced, createProposal, signIn, type Client } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { assertClientBuilt, bodyEditor, live, saveState, untilSaved } from './board-helpers'

const editor = 'sozialamt.editor'
const copyPrefix = 'mitzeichnung-content:'

/** The names of the page's stored content copies. */
const storedCopies = (page: Page) =>
  page.evaluate(async (prefix) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(prefix)), copyPrefix)

/**
 * Waits until everything the page wrote to its copy is committed: a read transaction starts only after every
 * earlier write to the same stores. Returns the stored "unsent" flag.
 */
const committedUnsentFlag = (page: Page) =>
  page.evaluate(async (prefix) => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith(prefix))
    if (!name) return undefined
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    try {
      const tx = db.transaction(['updates', 'custom'], 'readonly')
      const flag = tx.objectStore('custom').get('unsent')
      await new Promise((resolve) => (tx.oncomplete = resolve))
      return flag.result as number | undefined
    } finally {
      db.close()
    }
  }, copyPrefix)

/** Goes offline the way the board notices it, and types at the end of the Begründung. */
/** Opens the board in `context`, waits until it is saved, goes offline and types `typed`. */
async function openAndTypeOffline(context: BrowserContext, proposalId: string, typed: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`/p/${proposalId}`)
  await untilSaved(page)
  await typeOffline(context, page, typed)
  return page
}

async function typeOffline(context: BrowserContext, page: Page, typed: string): Promise<void> {
  await context.setOffline(true)
  await expect.poll(() => saveState(page), live).toBe('offline')
  await bodyEditor(page).locator('p').first().click()
  await page.keyboard.press('End')
  await page.keyboard.type(typed)
  expect(await page.getByTestId('connection-status').getAttribute('data-pending')).toBe('true')
  await expect.poll(() => committedUnsentFlag(page), live).toBe(1)
}

describe('the offline copy of a proposal', () => {
  let server: TestServer
  let browser: Browser
  let cookie: string
  const readers: Client[] = []
  const dirs: string[] = []

  beforeAll(async () => {
    assertClientBuilt()
    server = await startTestServer()
    browser = await borrowBrowser()
    cookie = await signIn(server.url, editor)
  })
  afterAll(async () => {
    for (const r of readers) r.destroy()
    await returnBrowser(browser)
    await server?.stop()
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  /** The server's Begründung, read through a real Yjs client that stays connected. */
  async function serverBody(id: string): Promise<() => string> {
    const reader = await connectSynced(server.wsUrl, id, cookie)
    readers.push(reader)
    return () => readBodyText(reader.doc)
  }

  async function launchProfile(dir: string): Promise<BrowserContext> {
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      baseURL: server.url,
      locale: 'de-DE',
      viewport: { width: 1280, height: 800 },
    })
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }])
    return context
  }

  it('an edit typed offline survives a browser restart and reaches the server on the next visit', async () => {
    const { id } = await createProposal(server.url, cookie, 'Offline und neu gestartet')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mz-profile-'))
    dirs.push(dir)
    const typed = ' Im Zug ohne Netz geschrieben.'
    const onServer = await serverBody(id)

    const first = await launchProfile(dir)
    try {
      const page = await first.newPage()
      await page.goto(`/p/${id}`)
      await untilSaved(page)
      await typeOffline(first, page, typed)
    } finally {
      await first.close()
    }
    expect(onServer()).not.toContain(typed.trim())

    const second = await launchProfile(dir)
    try {
      const page = await second.newPage()
      await page.goto(`/p/${id}`)
      await untilSaved(page)
      await expect.poll(onServer, live).toContain(typed.trim())
      expect(await bodyEditor(page).textContent()).toContain(typed.trim())
    } finally {
      await second.close()
    }
  })

  it('a reopened page knows its copy holds unsent edits: the badge says so and leaving warns', async () => {
    const { id } = await createProposal(server.url, cookie, 'Ehrlicher Speicherstand')
    const context = await signedInContext(browser, server.url, editor)
    const typed = ' Noch nicht beim Server.'
    const onServer = await serverBody(id)
    try {
      const page = await openAndTypeOffline(context, id, typed)
      const warned = page.waitForEvent('dialog', { timeout: live.timeout })
      await page.close({ runBeforeUnload: true })
      const dialog = await warned
      expect(dialog.type()).toBe('beforeunload')
      await dialog.accept()
      await expect.poll(() => page.isClosed(), live).toBe(true)

      // Back online, but the sockets reach nothing: only the stored copy can know the edit is unsent.
      let reachServer = false
      await context.routeWebSocket(/\/sync/, (ws) => {
        if (reachServer) ws.connectToServer()
      })
      await context.setOffline(false)
      const reopened = await context.newPage()
      await reopened.goto(`/p/${id}`)
      await expect.poll(() => reopened.getByTestId('connection-status').getAttribute('data-pending'), live).toBe('true')
      await reopened.locator('body').click()
      const warnedAgain = reopened.waitForEvent('dialog', { timeout: live.timeout })
      await reopened.close({ runBeforeUnload: true })
      const again = await warnedAgain
      expect(again.type()).toBe('beforeunload')
      await again.accept()

      reachServer = true
      const connected = await context.newPage()
      await connected.goto(`/p/${id}`)
      await untilSaved(connected)
      await expect.poll(onServer, live).toContain(typed.trim())
      expect(await connected.getByTestId('connection-status').getAttribute('data-pending')).toBe('false')
    } finally {
      await context.close()
    }
  })

  it('a copy kept for one user is not opened for the next user of the same browser, and their sign-in deletes it', async () => {
    const { id } = await createProposal(server.url, cookie, 'Zwei Personen, ein Browser')
    const context = await signedInContext(browser, server.url, editor)
    const typed = ' Nur für die Sachbearbeitung.'
    const onServer = await serverBody(id)
    try {
      const page = await openAndTypeOffline(context, id, typed)
      await page.close()

      // The session expires without a sign-out and a colleague signs in on the same computer.
      await context.clearCookies()
      await context.setOffline(false)
      const [name, value] = (await signIn(server.url, 'sozialamt.lead')).split('=') as [string, string]
      await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }])
      const colleague = await context.newPage()
      await colleague.goto(`/p/${id}`)
      await untilSaved(colleague)
      expect(await bodyEditor(colleague).textContent()).not.toContain(typed.trim())
      expect(onServer()).not.toContain(typed.trim())
      expect(await storedCopies(colleague)).toHaveLength(2)
      await colleague.close()

      // Signing in through the form deletes whatever earlier users left behind, and keeps one's own.
      await context.clearCookies()
      const login = await context.newPage()
      await login.goto('/')
      await login.getByLabel('Benutzername').fill('sozialamt.lead')
      await login.getByLabel('Passwort').fill('demo')
      await login.getByRole('button', { name: 'Anmelden' }).click()
      await login.getByRole('heading', { name: 'Vorlagen' }).waitFor({ timeout: live.timeout })
      await expect.poll(() => storedCopies(login).then((names) => names.length), live).toBe(1)
    } finally {
      await context.close()
    }
  })

  it('signing out deletes the local copies, so unsent edits never reach the server afterwards', async () => {
    const { id } = await createProposal(server.url, cookie, 'Gemeinsamer Bürorechner')
    const context = await signedInContext(browser, server.url, editor)
    const typed = ' Nicht für die nächste Person.'
    const onServer = await serverBody(id)
    try {
      const page = await openAndTypeOffline(context, id, typed)
      expect(await storedCopies(page)).toHaveLength(1)

      await page.getByRole('button', { name: 'Abmelden' }).click()
      await expect.poll(() => storedCopies(page), live).toEqual([])

      await context.setOffline(false)
      const [name, value] = (await signIn(server.url, editor)).split('=') as [string, string]
      await context.addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Lax' }])
      const again = await context.newPage()
      await again.goto(`/p/${id}`)
      await untilSaved(again)
      expect(await bodyEditor(again).textContent()).not.toContain(typed.trim())
      expect(onServer()).not.toContain(typed.trim())
    } finally {
      await context.close()
    }
  })
})
