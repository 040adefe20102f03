// Comments in real browsers: a thread on a position appears live for the others with the author and
// department the server stamped, replies and mentions, the badge on the position's row follows
// resolving on every screen; a comment on words of the Begründung keeps its quote.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { artifacts, bodyEditor, live, useBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'
const wfb = 'wfb.lead'

const row = (page: Page, n: number) => page.getByTestId('position-row').nth(n - 1)
/** The open-thread count on a position's badge; 0 when there is no badge. */
const badge = async (page: Page, n: number) => {
  const count = row(page, n).getByTestId('comment-count')
  return (await count.count()) === 0 ? 0 : Number(await count.textContent())
}
const threads = (page: Page) => page.getByTestId('comments-panel').getByTestId('thread')

describe('comments on the board, in three browsers', () => {
  let world: BoardWorld

  useBoardWorld([lead, editor, akr, wfb], (started) => (world = started))

  async function proposalInCosigning() {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const started = await apiClient(world.server.url, world.cookies[lead]).post(`/proposals/${id}/cosigning`, {
      departments: [{ departmentId: 'akr', sections: ['positions', 'resolution'] }, { departmentId: 'wfb' }],
    })
    expect(started.status).toBe(200)
    return id
  }

  it('a comment on a position by WFB appears live with the stamped author; replies, mentions, resolving updates the badges', async () => {
    const id = await proposalInCosigning()
    const [editorPage, akrPage, wfbPage] = await Promise.all([world.open(editor, `/p/${id}`), world.open(akr, `/p/${id}`), world.open(wfb, `/p/${id}`)])
    const screens = [editorPage, akrPage, wfbPage]
    // AKR on a wide screen (comments docked beside the board), the others at 1280 px (comments as a drawer).
    await akrPage.setViewportSize({ width: 1600, height: 900 })
    await Promise.all(screens.map(untilSaved))

    // WFB comments on position 1, by keyboard: the field takes the caret, Ctrl+Enter sends.
    await wfbPage.getByRole('button', { name: 'Kommentieren: Stelle 1' }).click()
    const text = wfbPage.getByTestId('new-comment-text')
    await expect.poll(() => text.evaluate((field) => field === document.activeElement), live).toBe(true)
    expect(await wfbPage.getByTestId('new-comment').textContent()).toContain('Neuer Kommentar zu Stelle 1')
    await wfbPage.keyboard.type('Ist die Finanzierung ab 2022 gesichert? @AKR bitte Stellenplan prüfen.')
    await wfbPage.keyboard.press('Control+Enter')

    // It appears for the others, on the row's badge and in the bar, without a reload.
    for (const page of screens) await expect.poll(() => badge(page, 1), live).toBe(1)
    for (const page of screens) expect(await badge(page, 2)).toBe(0)
    await expect.poll(() => editorPage.getByTestId('comments-open-count').textContent(), live).toBe('1 offen')

    // AKR opens it from the badge: author and department as the server stamped them, AKR mentioned.
    await row(akrPage, 1).getByTestId('comment-badge').click()
    const thread = threads(akrPage).first()
    await thread.waitFor({ timeout: live.timeout })
    expect(await akrPage.getByTestId('comments-scope').textContent()).toContain('Nur: Stelle 1 · 0,5 VZK EG 10 TVöD')
    expect(await thread.getByTestId('comment-author').first().textContent()).toBe('Thomas Maier')
    expect(await thread.getByTestId('comment-department').first().textContent()).toBe('Referat WFB')
    expect(await thread.getByTestId('comment-time').first().textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/)
    expect(await thread.getByTestId('mention-chip').allTextContents()).toEqual(['Referat AKR'])

    // AKR replies; the editor sees the reply in the panel opened from the bar.
    await thread.getByRole('button', { name: 'Antworten' }).click()
    await thread.getByLabel('Antwort auf den Kommentar von Thomas Maier').fill('Geprüft: als Ermächtigung bis 31.12.2021 vertretbar.')
    await thread.getByRole('button', { name: 'Antwort senden' }).click()
    await editorPage.getByTestId('comments-toggle').click()
    const editorThread = threads(editorPage).first()
    await expect.poll(() => editorThread.getByTestId('comment').count(), live).toBe(2)
    expect(await editorThread.getByTestId('comment-author').nth(1).textContent()).toBe('Dr. Ulrike Hahn')
    expect(await editorThread.getByTestId('comment-department').nth(1).textContent()).toBe('Referat AKR')

    // "für meine Abteilung": AKR was mentioned, the Sozialamt was not.
    await akrPage.getByLabel('für meine Abteilung').check()
    expect(await threads(akrPage).count()).toBe(1)
    await editorPage.getByLabel('für meine Abteilung').check()
    await expect.poll(() => threads(editorPage).count(), live).toBe(0)
    await editorPage.getByLabel('für meine Abteilung').uncheck()
    await akrPage.getByLabel('für meine Abteilung').uncheck()
    await thread.scrollIntoViewIfNeeded()
    await akrPage.screenshot({ path: path.join(artifacts, 'comments-position.png') })

    // The editor resolves it: the badge goes on every screen; the thread moves to "erledigt".
    await editorThread.getByRole('button', { name: 'Erledigt' }).click()
    for (const page of screens) await expect.poll(() => badge(page, 1), live).toBe(0)
    await expect.poll(() => threads(akrPage).count(), live).toBe(0)
    await akrPage.getByTestId('comment-filter-resolved').check()
    await expect.poll(() => threads(akrPage).count(), live).toBe(1)
    expect(await threads(akrPage).first().getByTestId('thread-resolved').textContent()).toBe('erledigt von Jonas Weber')

    // Reopening brings the badge back.
    await threads(akrPage).first().getByRole('button', { name: 'Wieder öffnen' }).click()
    for (const page of screens) await expect.poll(() => badge(page, 1), live).toBe(1)
  })

  it('a comment on words selected in the Begründung shows their quote to the others and finds them in the text', async () => {
    const id = await proposalInCosigning()
    const [editorPage, akrPage] = await Promise.all([world.open(editor, `/p/${id}`), world.open(akr, `/p/${id}`)])
    await Promise.all([untilSaved(editorPage), untilSaved(akrPage)])

    // The editor selects a word by double-click and comments on it.
    const word = 'Integrationsmanagement'
    const paragraph = bodyEditor(editorPage).locator('p', { hasText: word }).first()
    await paragraph.evaluate((p, word) => {
      // Select the word's first occurrence, as a double-click would.
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(word)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + word.length)
        getSelection()!.removeAllRanges()
        getSelection()!.addRange(range)
        return
      }
    }, word)
    const commentBody = editorPage.getByTestId('comment-body')
    await expect.poll(() => commentBody.isEnabled(), live).toBe(true)
    await commentBody.click()
    const composer = editorPage.getByTestId('new-comment')
    await expect.poll(() => composer.textContent(), live).toContain(word)
    await editorPage.getByTestId('new-comment-text').fill('Bitte den Begriff einheitlich verwenden. @WFB')
    await editorPage.getByTestId('new-comment-send').click()

    // AKR sees it with the quote.
    await akrPage.getByTestId('comments-toggle').click()
    const thread = threads(akrPage).first()
    await thread.waitFor({ timeout: live.timeout })
    expect(await thread.getByTestId('thread-target').textContent()).toBe('Begründung')
    expect(await thread.getByTestId('thread-quote').textContent()).toBe(word)
    expect(await thread.getByTestId('comment-author').textContent()).toBe('Jonas Weber')
    expect(await thread.getByTestId('mention-chip').allTextContents()).toEqual(['Referat WFB'])

    // Text typed before the words does not move the anchor: "Im Text zeigen" selects the same word.
    await bodyEditor(editorPage).locator('p').first().click()
    await editorPage.keyboard.press('Home')
    await editorPage.keyboard.type('Vorab: ')
    await expect.poll(() => bodyEditor(akrPage).textContent(), live).toContain('Vorab: ')
    await threads(editorPage).first().getByRole('button', { name: 'Im Text zeigen' }).click()
    await expect.poll(() => editorPage.evaluate(() => getSelection()?.toString()), live).toBe(word)
    // The open thread's words are marked in everyone's editor, until it is resolved.
    await expect.poll(() => bodyEditor(akrPage).locator('.comment-range').allTextContents(), live).toEqual([word])
    await bodyEditor(akrPage).locator('.comment-range').scrollIntoViewIfNeeded()
    await akrPage.screenshot({ path: path.join(artifacts, 'comments-body.png') })
    await thread.getByRole('button', { name: 'Erledigt' }).click()
    await expect.poll(() => bodyEditor(editorPage).locator('.comment-range').count(), live).toBe(0)
  })
})
