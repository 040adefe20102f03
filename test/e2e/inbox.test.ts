// The inbox in real browsers: AKR's lead has the first page open; a colleague of the Sozialamt mentions
// AKR on the board, and the mention appears in the inbox and on the bell without a reload; following it
// opens the board with that thread in the comments panel.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { artifacts, live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'

describe('the inbox', () => {
  let world: BoardWorld
  useBoardWorld([lead, editor, akr], (started) => (world = started))

  it("updates live when a colleague mentions the department, and its entry leads to the thread on the board", async () => {
    world.server.clock.set('2025-11-03T10:00:00+01:00')
    const steer = apiClient(world.server.url, world.cookies[lead])
    const { id: overdue } = await world.createProposal({ title: 'Sprachkurse', number: '512/2025' }, lead)
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    await steer.post(`/proposals/${overdue}/cosigning`, { departments: [{ departmentId: 'akr', due: '2025-11-04' }] })
    await steer.post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr', sections: ['positions'] }] })
    world.server.clock.set('2025-11-06T10:00:00+01:00')

    const inboxPage = await world.open(akr, '/')
    const inbox = inboxPage.getByTestId('inbox')
    const entries = inbox.getByTestId('inbox-entry')
    // Both owe AKR's signature, the overdue one first.
    await expect.poll(() => entries.evaluateAll((list) => list.map((e) => `${e.getAttribute('data-kind')} ${e.getAttribute('data-proposal')}`)), live).toEqual([
      `awaiting ${overdue}`,
      `awaiting ${id}`,
    ])
    expect(await entries.first().getByTestId('overdue').textContent()).toBe('überfällig')
    const unreadBefore = Number(await inboxPage.getByTestId('unread-count').textContent())

    // A colleague in another browser comments on the board and mentions AKR.
    const editorPage = await world.open(editor, `/p/${id}`)
    await untilSaved(editorPage)
    await editorPage.getByRole('button', { name: 'Kommentieren: Stelle 1' }).click()
    await editorPage.getByTestId('new-comment-text').fill('@AKR Bitte die Eingruppierung prüfen.')
    await editorPage.getByTestId('new-comment-send').click()

    // AKR's inbox and bell follow, without a reload.
    const mention = inbox.locator('[data-testid="inbox-entry"][data-kind="mention"]')
    await mention.waitFor({ timeout: live.timeout })
    expect(await mention.textContent()).toContain('Jonas Weber hat Sie oder Ihr Amt erwähnt')
    expect(await mention.textContent()).toContain('„@AKR Bitte die Eingruppierung prüfen.“')
    await expect.poll(async () => Number(await inboxPage.getByTestId('unread-count').textContent()), live).toBe(unreadBefore + 1)

    await inboxPage.screenshot({ path: path.join(artifacts, 'inbox.png') })

    // Filtering: only mentions.
    await inbox.getByTestId('inbox-filter-awaiting').getByRole('checkbox').uncheck()
    expect(await entries.count()).toBe(1)

    // The entry leads to the exact thread.
    await mention.getByTestId('inbox-link').click()
    const thread = inboxPage.getByTestId('comments-panel').getByTestId('thread')
    await expect.poll(() => thread.count(), live).toBe(1)
    expect(await thread.getByTestId('comment-text').textContent()).toBe('@AKR Bitte die Eingruppierung prüfen.')
    expect(new URL(inboxPage.url()).hash).toMatch(/^#thread-/)
    await Promise.all([inboxPage.close(), editorPage.close()])
  })

  it('while the server cannot be reached the first page says so and nothing breaks; it recovers on the next change', async () => {
    const page = await world.contexts[akr]!.newPage()
    page.on('pageerror', (error) => world.pageErrors.push(`unreachable: ${error.message}`))
    // As a restart mid-request does: the connection is refused.
    await page.route(/\/api\/(me\/inbox|me\/notifications|proposals)$/, (route) => route.abort('connectionrefused'))
    await page.goto(`${world.server.url}/`)
    const inbox = page.getByTestId('inbox')
    await inbox.getByRole('alert').filter({ hasText: 'Der Eingang konnte nicht geladen werden: Der Server ist nicht erreichbar.' }).waitFor({ timeout: live.timeout })
    await page.getByText('Die Vorlagen konnten nicht geladen werden: Der Server ist nicht erreichbar.').waitFor({ timeout: live.timeout })
    expect(await page.getByTestId('notification-bell').isVisible()).toBe(true)

    // Reachable again: the next change on the live channel loads both.
    await page.unrouteAll()
    const steer = apiClient(world.server.url, world.cookies[lead])
    const { id } = await world.createProposal({ title: 'Wieder erreichbar', number: '77/2025' }, lead)
    await steer.post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }] })
    await inbox.locator(`[data-testid="inbox-entry"][data-proposal="${id}"]`).waitFor({ timeout: live.timeout })
    await page.getByTestId('notification-bell').click()
    await page.getByTestId('notification-panel').getByTestId('notification').filter({ hasText: 'Wieder erreichbar' }).waitFor({ timeout: live.timeout })
    await page.close()
  })
})
