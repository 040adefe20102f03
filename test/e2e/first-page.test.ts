// The client in a real browser against a real server: sign in, create a proposal, edit its Betreff from
// two browsers live, reload, find it in the list. Needs a built client (`vite build`, part of `npm test`).
// The board's sections have their own tests (board.test.ts, board-editing.test.ts).
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { borrowBrowser, returnBrowser, showInTab, signedInContext } from '../helpers/browser'
import { createProposal, signIn } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'

const root = path.resolve(import.meta.dirname, '../..')
const artifacts = path.join(root, 'test/artifacts')
/** Deadline for anything that travels browser → server → browser. */
const live = { timeout: 10_000, interval: 20 }

describe('the first page in a browser', () => {
  let server: TestServer
  let browser: Browser
  let one: BrowserContext
  let two: BrowserContext
  let cookie: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    // The server serves CLIENT_DIR when it is set (a private build), else dist/client.
    const clientDir = process.env.CLIENT_DIR ? path.resolve(root, process.env.CLIENT_DIR) : path.join(root, 'dist/client')
    if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
      throw new Error(`${clientDir} is missing: run \`vite build\` first (npm test does)`)
    }
    fs.mkdirSync(artifacts, { recursive: true })
    server = await startTestServer()
    browser = await borrowBrowser()
    cookie = await signIn(server.url, 'sozialamt.editor')
    // Two contexts are two separate browsers: nothing shared, every edit has to go through the server.
    one = await signedInContext(browser, server.url, 'sozialamt.editor')
    two = await signedInContext(browser, server.url, 'sozialamt.lead')
  })

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(`server output:\n${server.output()}`)
    expect(pageErrors.splice(0), 'uncaught errors in the pages').toEqual([])
  })

  afterAll(async () => {
    await returnBrowser(browser)
    await server?.stop()
  })

  const open = (context: BrowserContext, url: string): Promise<Page> =>
    showInTab(context, url, (error, page) => pageErrors.push(`${page.url()}: ${error.message}`))

  const untilSynced = (page: Page) =>
    page.locator('[data-testid="connection-status"][data-synced="true"]').waitFor({ timeout: live.timeout })

  /** The Betreff on the board, bound to the title's Y.Text. */
  const title = (page: Page) => page.getByLabel('Betreff', { exact: true })

  it('a visitor without a session signs in on the login page; a wrong password says so without naming the user', async () => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`login: ${error.message}`))
    await page.goto('/')
    await page.getByLabel('Benutzername').fill('wfb.lead')
    await page.getByLabel('Passwort').fill('falsch')
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByTestId('login-error').waitFor({ timeout: live.timeout })
    expect(await page.getByTestId('login-error').textContent()).toBe('Benutzername oder Passwort ist falsch.')

    await page.getByLabel('Passwort').fill('demo')
    await page.getByRole('button', { name: 'Anmelden' }).click()
    await page.getByRole('heading', { name: 'Vorlagen' }).waitFor({ timeout: live.timeout })
    expect(await page.getByTestId('user-box').textContent()).toContain('Referat WFB')
    await page.getByRole('button', { name: 'Abmelden' }).click()
    await page.getByLabel('Benutzername').waitFor({ timeout: live.timeout })
    await context.close()
  })

  it('a proposal created with the form opens, is edited live from two browsers, and survives a reload', async () => {
    const a = await open(one, '/')
    await a.getByLabel('Titel', { exact: true }).fill('Sanierung der Grundschule Am Park')
    await a.getByLabel('Drucksachennummer').fill('312/2026')
    await a.getByRole('button', { name: 'Anlegen' }).click()
    await a.waitForURL(/\/p\/[a-z0-9]+$/, { timeout: live.timeout })
    const id = new URL(a.url()).pathname.split('/').pop()!

    const b = await open(two, `/p/${id}`)
    await Promise.all([untilSynced(a), untilSynced(b)])
    await expect.poll(() => b.getByTestId('connection-text').textContent(), live).toBe('Online · gespeichert')
    await expect(title(b).inputValue()).resolves.toBe('Sanierung der Grundschule Am Park')
    await expect(b.getByTestId('board-number').textContent()).resolves.toBe('GRDrs 312/2026')

    await title(a).click()
    await title(a).press('End')
    await title(a).pressSequentially(' – 2. Bauabschnitt')
    const newTitle = 'Sanierung der Grundschule Am Park – 2. Bauabschnitt'
    await expect.poll(() => title(b).inputValue(), live).toBe(newTitle)
    await expect.poll(() => b.title(), live).toBe(`${newTitle} – Mitzeichnung`)
    await a.screenshot({ path: path.join(artifacts, 'proposal.png'), fullPage: true })

    await expect.poll(() => a.getByTestId('connection-status').getAttribute('data-state'), live).toBe('saved')
    await b.reload()
    await untilSynced(b)
    expect(await title(b).inputValue()).toBe(newTitle)
  })

  it('a remote edit before the caret leaves the caret on the same word', async () => {
    const proposal = await createProposal(server.url, cookie, 'Stellungnahme folgt.', '')
    const a = await open(one, `/p/${proposal.id}`)
    const b = await open(two, `/p/${proposal.id}`)
    await Promise.all([untilSynced(a), untilSynced(b)])

    // b's caret after "Stellungnahme", then a writes in front of it.
    await title(b).focus()
    await title(b).evaluate((field: HTMLTextAreaElement) => field.setSelectionRange(13, 13))
    await title(a).click()
    await title(a).press('Control+Home')
    await title(a).pressSequentially('Entwurf: ')
    await expect.poll(() => title(b).inputValue(), live).toBe('Entwurf: Stellungnahme folgt.')

    await b.keyboard.type(' des Bauamts')
    const expected = 'Entwurf: Stellungnahme des Bauamts folgt.'
    await expect.poll(() => title(b).inputValue(), live).toBe(expected)
    await expect.poll(() => title(a).inputValue(), live).toBe(expected)
  })

  it('the list shows number, title and status, and the search finds a proposal by its number', async () => {
    await createProposal(server.url, cookie, 'Radverkehrskonzept Innenstadt', '4711/2026')
    await createProposal(server.url, cookie, 'Haushaltsplan 2027', '815/2026')
    const page = await open(one, '/')
    const row = page.getByTestId('proposal-row').filter({ hasText: 'Radverkehrskonzept Innenstadt' })
    await row.waitFor({ timeout: live.timeout })
    // The lead department's name arrives with a lazily loaded module.
    await expect
      .poll(() => row.locator('td').allTextContents(), live)
      .toEqual(['4711/2026', 'Radverkehrskonzept Innenstadt', 'Entwurf', 'Sozialamt', expect.stringMatching(/2\d\d\d/)])
    await page.screenshot({ path: path.join(artifacts, 'list.png'), fullPage: true })

    await page.getByLabel('Suchen').fill('4711/2026')
    await expect.poll(() => page.getByTestId('proposal-row').allTextContents(), live).toEqual([
      expect.stringContaining('Radverkehrskonzept Innenstadt'),
    ])
    await page.getByLabel('Suchen').fill('gibt es nicht')
    await page.getByTestId('empty-list').waitFor({ timeout: live.timeout })

    // The link opens the proposal without a page load, and Back returns to the list.
    await page.getByLabel('Suchen').fill('haushalt')
    await page.getByRole('link', { name: 'Haushaltsplan 2027' }).click()
    await untilSynced(page)
    expect(await title(page).inputValue()).toBe('Haushaltsplan 2027')
    await page.goBack()
    await page.getByRole('heading', { name: 'Vorlagen' }).waitFor({ timeout: live.timeout })
  })

  it('the form shows the server’s message when it refuses a proposal', async () => {
    const page = await open(one, '/')
    await page.getByLabel('Titel', { exact: true }).fill('Falsche Nummer')
    await page.getByLabel('Drucksachennummer').fill('abc')
    await page.getByRole('button', { name: 'Anlegen' }).click()
    const error = page.getByTestId('create-error')
    await error.waitFor({ timeout: live.timeout })
    expect(await error.textContent()).toContain('number must look like 949/2019')
    expect(new URL(page.url()).pathname).toBe('/')
  })

  it('when the server ends the connection for good (4400–4499) the page shows its reason and stops editing', async () => {
    const proposal = await createProposal(server.url, cookie, 'Abbruch', '')
    const page = await one.newPage()
    page.on('pageerror', (error) => pageErrors.push(`close test: ${error.message}`))
    // Keep a handle on the page's sockets, to break the protocol from inside the page.
    await page.addInitScript(() => {
      const sockets: WebSocket[] = []
      Object.assign(window, { sockets })
      window.WebSocket = class extends window.WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols)
          sockets.push(this)
        }
      }
    })
    await page.goto(`/p/${proposal.id}`)
    await untilSynced(page)
    // Text frames are not part of the protocol: the server closes with 4400 and a reason.
    // The content doc's socket; the other one carries the read-only record.
    await page.evaluate(() => (window as unknown as { sockets: WebSocket[] }).sockets.find((s) => !s.url.endsWith('/record'))!.send('hallo'))
    const closed = page.getByTestId('connection-closed')
    await closed.waitFor({ timeout: live.timeout })
    expect(await closed.getAttribute('data-code')).toBe('4400')
    expect(await closed.textContent()).toContain('text frames are not part of the protocol')
    expect(await page.getByTestId('connection-status').getAttribute('data-status')).toBe('disconnected')
    expect(await title(page).getAttribute('readonly')).not.toBeNull()
    expect(await page.getByTestId('connection-status').getAttribute('data-state')).toBe('closed')
    await page.close()
  })

  it('when the server cannot say who is signed in, the page says so and asks again on request', async () => {
    const page = await one.newPage()
    page.on('pageerror', (error) => pageErrors.push(`session test: ${error.message}`))
    // The page came, the server went: as during a restart, the question who is signed in is refused.
    await page.route(/\/api\/me$/, (route) => route.abort('connectionrefused'))
    await page.goto('/')
    const error = page.getByTestId('session-error')
    await error.waitFor({ timeout: live.timeout })
    expect(await error.textContent()).toContain('Die Anmeldung konnte nicht geprüft werden: Der Server ist nicht erreichbar.')
    await page.unrouteAll()
    await error.getByRole('button', { name: 'Erneut versuchen' }).click()
    await page.getByTestId('user-box').waitFor({ timeout: live.timeout })
    await page.getByTestId('inbox').waitFor({ timeout: live.timeout })
    expect(await error.count()).toBe(0)
    await page.close()
  })

  it('an unknown proposal id shows "Vorlage nicht gefunden"', async () => {
    const page = await open(one, '/p/gibtesnicht123')
    await page.getByTestId('not-found').waitFor({ timeout: live.timeout })
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vorlage nicht gefunden')
  })
})
