// Shared setup for the board's browser tests: a server, a browser, signed-in contexts, and waits on the page's own signals.
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { ProposalSummary } from '../../shared/proposal'
import { borrowBrowser, returnBrowser, showInTab, signedInContext } from '../helpers/browser'
import { signIn } from '../helpers/clients'
import type { ServerOptions } from '../helpers/server-process'
import { startTestServer, type TestServer } from '../helpers/test-server'

export const root = path.resolve(import.meta.dirname, '../..')
export const artifacts = path.join(root, 'test/artifacts')
/** Deadline for anything that travels browser → server → browser; generous, the machine is shared. */
export const live = { timeout: 20_000, interval: 25 }

/** The server serves CLIENT_DIR when set (a private build), else dist/client. */
export function assertClientBuilt(): void {
  const dir = process.env.CLIENT_DIR ? path.resolve(root, process.env.CLIENT_DIR) : path.join(root, 'dist/client')
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir} is missing: run \`vite build\` first (npm test does)`)
}

export type BoardWorld = {
  server: TestServer
  browser: Browser
  cookies: Record<string, string>
  contexts: Record<string, BrowserContext>
  pageErrors: string[]
  createProposal(input: { title: string; number?: string; template?: string }, user?: string): Promise<ProposalSummary>
  /** Shows `url` to `user` in the tab they keep open (see showInTab); `trackSockets` for every later page of theirs. */
  open(user: string, url: string, options?: { trackSockets?: boolean }): Promise<Page>
  close(): Promise<void>
}

export async function startBoardWorld(users: string[], options: ServerOptions = {}): Promise<BoardWorld> {
  assertClientBuilt()
  fs.mkdirSync(artifacts, { recursive: true })
  const server = await startTestServer(options)
  const browser = await borrowBrowser().catch(async (error) => {
    await server.stop()
    throw error
  })
  const cookies: Record<string, string> = {}
  const contexts: Record<string, BrowserContext> = {}
  try {
    // Each user a separate browser context: nothing shared, every edit has to go through the server.
    for (const user of users) {
      cookies[user] = await signIn(server.url, user)
      contexts[user] = await signedInContext(browser, server.url, user)
    }
  } catch (error) {
    await returnBrowser(browser)
    await server.stop()
    throw error
  }
  const pageErrors: string[] = []
  return {
    server,
    browser,
    cookies,
    contexts,
    pageErrors,
    async createProposal(input, user = users[0]!) {
      const response = await fetch(`${server.url}/api/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies[user]! },
        body: JSON.stringify({ number: '', ...input }),
      })
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`)
      return (await response.json()) as ProposalSummary
    },
    async open(user, url, options = {}) {
      const context = contexts[user]!
      // The sockets are tracked from the navigation on: the script runs before the page's own.
      if (options.trackSockets) await context.addInitScript(trackSockets)
      return showInTab(context, url, (error, page) => pageErrors.push(`${user} ${page.url()}: ${error.message}`))
    },
    async close() {
      await returnBrowser(browser)
      await server?.stop()
    },
  }
}

/** Runs in the page before its scripts: keeps every WebSocket the page opens in `window.sockets`. */
function trackSockets() {
  const sockets: WebSocket[] = []
  Object.assign(window, { sockets })
  window.WebSocket = class extends window.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      sockets.push(this)
    }
  }
}

/** The number of the page's WebSockets that are still open or opening. */
export const openSockets = (page: Page) =>
  page.evaluate(() => (window as unknown as { sockets: WebSocket[] }).sockets.filter((s) => s.readyState <= WebSocket.OPEN).length)

export const saveState = (page: Page) => page.getByTestId('connection-status').getAttribute('data-state')

/** Waits until the board is on screen and everything typed is stored by the server. */
export async function untilSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="board"][data-ready="true"]').waitFor({ timeout: live.timeout })
  await expect.poll(() => saveState(page), live).toBe('saved')
}

export const me = (page: Page) => page.evaluate(() => fetch('/api/me').then((r) => r.json() as Promise<{ displayName: string }>))

export const bodyEditor = (page: Page) => page.getByTestId('body-editor')
export const fieldValue = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue()
export const text = (page: Page, testId: string) => page.getByTestId(testId).textContent()

/** Types into a field and commits it as the user would: Enter. */
export async function enter(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true })
  await field.fill(value)
  await field.press('Enter')
}

/**
 * A board world for the tests of one describe block: started before them, checked after each (no
 * page may have thrown; the server's log is printed when a test failed), closed after all. `options`
 * is read when the world starts, after the block's earlier hooks (e.g. an SMTP receiver's address).
 */
export function useBoardWorld(users: string[], started: (world: BoardWorld) => void, options: () => ServerOptions = () => ({})): void {
  let world: BoardWorld | undefined
  beforeAll(async () => {
    world = await startBoardWorld(users, options())
    started(world)
  })
  afterEach((context) => {
    if (!world) return
    if (context.task.result?.state === 'fail') console.error(`server output:\n${world.server.output()}`)
    expect(world.pageErrors.splice(0), 'uncaught errors in the pages').toEqual([])
  })
  afterAll(async () => {
    await world?.close()
  })
}
