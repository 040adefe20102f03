// "gespeichert" on the board is a promise: what it covers survives a kill -9 of the server at once.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBodyText } from '../../shared/model'
import { borrowBrowser, returnBrowser, signedInContext } from '../helpers/browser'
import { createProposal, signIn } from '../helpers/clients'
import { readStoredDoc } from '../helpers/database'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { assertClientBuilt, bodyEditor, live, saveState, untilSaved } from './board-helpers'

describe('the save acknowledgement', () => {
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    assertClientBuilt()
    server = await startServerProcess()
    browser = await borrowBrowser()
  })
  afterAll(async () => {
    await returnBrowser(browser)
    await server?.stop()
  })

  it('an edit the board shows as saved is in the database when the server is killed right after', async () => {
    const editor = 'sozialamt.editor'
    const { id } = await createProposal(server.url, await signIn(server.url, editor), 'Gespeichert heißt gespeichert')
    const context = await signedInContext(browser, server.url, editor)
    const page = await context.newPage()
    await page.goto(`/p/${id}`)
    await untilSaved(page)

    const typed = 'Getippt und bestätigt'
    await bodyEditor(page).click()
    await page.keyboard.type(typed)
    // The moment the board says "saved", nothing the server does afterwards may lose the text.
    await expect.poll(() => saveState(page), live).toBe('saved')
    await server.kill9()

    expect(readBodyText(readStoredDoc(server.dataDir, id).doc)).toContain(typed)
    await context.close()
  })
})

describe('the save acknowledgement of a quick typist', () => {
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    assertClientBuilt()
    // A small burst shows within seconds what the default burst of 10 shows after about fifteen.
    server = await startServerProcess({ env: { SYNC_REQUESTS_PER_SECOND: '2', SYNC_REQUEST_BURST: '2' } })
    browser = await borrowBrowser()
  })
  afterAll(async () => {
    await returnBrowser(browser)
    await server?.stop()
  })

  it('asks the server no more often than it answers: pausing at every word never gets the connection closed', async () => {
    const editor = 'sozialamt.editor'
    const { id } = await createProposal(server.url, await signIn(server.url, editor), 'Schnell getippt')
    const context = await signedInContext(browser, server.url, editor)
    const page = await context.newPage()
    await page.goto(`/p/${id}`)
    await untilSaved(page)

    await bodyEditor(page).click()
    const words = Array.from({ length: 14 }, (_, i) => `Wort${i}`)
    for (const word of words) {
      await page.keyboard.type(`${word} `)
      // The typist's pause after a word: longer than the board's wait before it asks whether all is saved.
      await page.waitForTimeout(200)
    }
    await expect.poll(() => saveState(page), live).toBe('saved')
    expect(server.output()).not.toContain('4429')
    await server.stop()
    const stored = readBodyText(readStoredDoc(server.dataDir, id).doc)
    for (const word of words) expect(stored).toContain(word)
    await context.close()
  })
})
