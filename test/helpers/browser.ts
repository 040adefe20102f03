// Headless Debian Chromium through playwright-core, and browser contexts signed in as a demo user.
import { readFile } from 'node:fs/promises'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { signIn } from './clients'

/** The features Playwright 1.65 turns off. Chromium keeps only the last `--disable-features`, so ours repeats them. */
const playwrightDisabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
]

/**
 * Every window (one per context) would otherwise start a renderer for the address bar's WebUI popups, which
 * no test ever opens: ≈ 1.5 s of CPU per window, more than half of what a new context's first tab cost.
 */
const unusedBrowserUi = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']

const disabledFeatures = [...playwrightDisabledFeatures, ...unusedBrowserUi]
const disableFeaturesSwitch = `--disable-features=${disabledFeatures.join(',')}`

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  disableFeaturesSwitch,
]

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs })
  await assertOurFeaturesCoverPlaywrights(browser).catch(async (error: unknown) => {
    await browser.close()
    throw error
  })
  return browser
}

/**
 * Our `--disable-features` replaces Playwright's: should a Playwright upgrade turn off a feature more, the
 * browser process's command line shows it, and the launch fails instead of silently testing another browser.
 */
async function assertOurFeaturesCoverPlaywrights(browser: Browser): Promise<void> {
  const cdp = await browser.newBrowserCDPSession()
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }
  await cdp.detach()
  const browserProcess = processInfo.find((info) => info.type === 'browser')
  if (!browserProcess) throw new Error('Chromium did not report its browser process')
  // Split on spaces too: a process that rewrote its title shows its arguments joined by spaces.
  const switches = (await readFile(`/proc/${browserProcess.id}/cmdline`, 'utf8')).split(/[\0 ]/)
  const featureLists = switches.filter((arg) => arg.startsWith('--disable-features='))
  // A command line we could not read must not pass for one that agrees.
  if (!featureLists.includes(disableFeaturesSwitch)) throw new Error(`our --disable-features is not on Chromium's command line: ${switches.join(' ')}`)
  const dropped = featureLists
    .flatMap((arg) => arg.slice('--disable-features='.length).split(','))
    .filter((feature) => feature && !disabledFeatures.includes(feature))
  if (dropped.length > 0) {
    throw new Error(`Playwright turns off ${dropped.join(', ')}: add them to playwrightDisabledFeatures in test/helpers/browser.ts`)
  }
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
