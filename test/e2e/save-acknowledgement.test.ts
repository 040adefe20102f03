// "gespeichert" on the board is a promise: what it covers survives a kill -9 of the server at once.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBodyText } from '../../shared/model'
import { launchBrowser, signedInContext } from '../helpers/browser'
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
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
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
