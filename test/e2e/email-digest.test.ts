// The e-mail digest as received: a real SMTP server on loopback gets AKR's lead's digest once the
// clock has moved past the digest interval; its HTML, rendered in the browser, links to the places on
// the board, and following a link takes the signed-in lead there.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver'
import { artifacts, live, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'

describe('the e-mail digest', () => {
  let world: BoardWorld
  let smtp: SmtpReceiver
  beforeAll(async () => {
    smtp = await startSmtpReceiver()
  })
  useBoardWorld([lead, editor, akr], (started) => (world = started), () => ({ env: { SMTP_URL: smtp.url, EMAIL_DIGEST_MINUTES: '10' } }))
  afterAll(() => smtp?.close())

  it('arrives with links to the places on the board, and they lead there', async () => {
    world.server.clock.set('2025-11-03T10:00:00+01:00')
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    await apiClient(world.server.url, world.cookies[lead]).post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr', due: '2025-11-14' }] })
    const { body: thread } = await apiClient(world.server.url, world.cookies[editor]).post<{ id: string }>(`/proposals/${id}/threads`, {
      anchor: { kind: 'proposal' },
      text: '@AKR Bitte die Eingruppierung prüfen.',
    })
    world.server.clock.advance(11 * 60_000)
    await world.server.runScheduledWork()
    const mail = smtp.received.find((m) => m.to.includes('akr.lead@mitzeichnung.invalid'))
    expect(mail?.parsed.subject).toBe('Mitzeichnung: 2 neue Benachrichtigungen')

    // The mail as the lead's mail program would show it: a blank page of the lead's browser, outside the app.
    const page = await world.contexts[akr]!.newPage()
    await page.setContent(String(mail!.parsed.html))
    const links = page.getByRole('link', { name: 'Zur Stelle auf dem Board' })
    expect(await links.evaluateAll((list) => list.map((a) => a.getAttribute('href')))).toEqual([
      `${world.server.url}/p/${id}#cosign-akr`,
      `${world.server.url}/p/${id}#thread-${thread.id}`,
    ])
    expect(await page.locator('body').textContent()).toContain('Sabine Krüger hat Referat AKR um Mitzeichnung gebeten (Frist: 14.11.2025).')
    await page.screenshot({ path: path.join(artifacts, 'email-digest.png'), fullPage: true })

    // Following the first link: the board, with AKR's entry in the co-signing section focused.
    await links.first().click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), live).toBe('cosign-akr')
    // The second: the thread in the comments panel.
    await page.goto(`/p/${id}#thread-${thread.id}`)
    const threads = page.getByTestId('comments-panel').getByTestId('thread')
    await expect.poll(() => threads.count(), live).toBe(1)
    expect(await threads.getByTestId('comment-text').textContent()).toBe('@AKR Bitte die Eingruppierung prüfen.')
    await page.close()
  })

  it('the settings page shows where mail goes and keeps a choice per kind', async () => {
    const page = await world.open(akr, '/settings')
    await expect.poll(() => page.getByTestId('settings-address').textContent(), live).toBe('E-Mails gehen an: akr.lead@mitzeichnung.invalid')
    const mentionByMail = page.getByRole('checkbox', { name: 'Erwähnung meines Amts oder von mir Per E-Mail' })
    expect(await mentionByMail.isChecked()).toBe(true)
    await mentionByMail.uncheck()
    await page.getByRole('button', { name: 'Speichern' }).click()
    await page.getByText('Gespeichert.').waitFor({ timeout: live.timeout })
    const settings = await apiClient(world.server.url, world.cookies[akr]).get<{ settings: { kind: string; inApp: boolean; email: boolean }[] }>('/me/notification-settings')
    expect(settings.body.settings.find((s) => s.kind === 'mention')).toEqual({ kind: 'mention', inApp: true, email: false })
    await page.close()
  })
})
