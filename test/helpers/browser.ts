// Headless Debian Chromium through playwright-core, and browser contexts signed in as a demo user.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { signIn } from './clients'

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs })
}

/**
 * One Chromium per test worker. A worker runs its files one after another (isolate: false), so a
 * file borrows the browser and gives back its own contexts; a new launch costs ≈ 1 s of CPU each.
 * Playwright kills the browser when the worker process exits.
 */
let workerBrowser: Promise<Browser> | undefined

export async function borrowBrowser(): Promise<Browser> {
  const current = await workerBrowser?.catch(() => undefined)
  if (current?.isConnected()) return current
  workerBrowser = launchBrowser()
  return workerBrowser
}

/** Closes every context (and so every page) the borrower opened; the browser stays for the next file. */
export async function returnBrowser(browser: Browser | undefined): Promise<void> {
  if (!browser?.isConnected()) return
  await Promise.all(browser.contexts().map((context) => context.close()))
}

/** A separate browser (own cookies, own storage) with a session of the given user. */
export async function signedInContext(browser: Browser, baseUrl: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, locale: 'de-DE' })
  const [name, value] = (await signIn(baseUrl, username)).split('=') as [string, string]
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }])
  return context
}

/** The tab each signed-in browser keeps open between visits, as a person does. */
const keptTabs = new WeakMap<BrowserContext, Page>()

/**
 * Shows `url` in the context's open tab, as a person following a link does: a new tab (the first, or once the
 * kept one was closed) costs Chromium a new renderer process and a cold start, seconds of CPU per page.
 * `onPageError` hears every uncaught error of a tab it opens.
 */
export async function showInTab(context: BrowserContext, url: string, onPageError?: (error: Error, page: Page) => void): Promise<Page> {
  let page = keptTabs.get(context)
  if (!page || page.isClosed()) {
    const opened = await context.newPage()
    if (onPageError) opened.on('pageerror', (error) => onPageError(error, opened))
    keptTabs.set(context, opened)
    page = opened
  }
  await page.goto(url)
  return page
}
