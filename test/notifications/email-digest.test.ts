// E-mail digests through a real SMTP server on loopback: one message per person once the oldest item
// has waited the digest interval (the clock is moved, not waited for), in German, with links to the
// place on the board from PUBLIC_BASE_URL; a kind switched off stays out; a failed send is tried again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver'
import { waitFor } from '../helpers/wait'

const minutes = (n: number) => n * 60_000

describe('e-mail digests', () => {
  let world: SignedInServer
  let smtp: SmtpReceiver
  const api = (user: string) => world.api(user)

  beforeAll(async () => {
    smtp = await startSmtpReceiver()
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'akr.lead', 'akr.editor'], {
      env: { SMTP_URL: smtp.url, EMAIL_DIGEST_MINUTES: '15', MAIL_FROM: 'Mitzeichnung <mitzeichnung@stadt.example>' },
    })
  })
  afterAll(async () => {
    await world?.stop()
    await smtp?.close()
  })

  const mailTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address))

  it('collects a round start and a mention into one German digest per person, with links to the board', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt für Integration', number: '949/2019' })
    const id = body.id
    await api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr', due: '2099-12-31' }] })
    const { body: thread } = await api('sozialamt.editor').post<{ id: string }>(`/proposals/${id}/threads`, {
      anchor: { kind: 'proposal' },
      text: '@AKR Stellenplan <b>prüfen</b>',
    })

    // Not yet: the first item has waited less than 15 minutes.
    await world.server.runScheduledWork()
    expect(mailTo('akr.lead@mitzeichnung.invalid')).toEqual([])

    world.server.clock.advance(minutes(16))
    await world.server.runScheduledWork()
    const [mail, ...more] = mailTo('akr.lead@mitzeichnung.invalid')
    expect(more).toEqual([])
    expect(mail!.from).toBe('mitzeichnung@stadt.example')
    expect(mail!.parsed.subject).toBe('Mitzeichnung: 2 neue Benachrichtigungen')
    const text = mail!.parsed.text!
    expect(text).toContain('Guten Tag Dr. Ulrike Hahn,')
    expect(text).toContain('GRDrs 949/2019 – Pakt für Integration')
    expect(text).toContain('Sabine Krüger hat Referat AKR um Mitzeichnung gebeten (Frist: 31.12.2099).')
    expect(text).toContain(`${world.server.url}/p/${id}#cosign-akr`)
    expect(text).toContain('Jonas Weber hat Sie in einem Kommentar angesprochen: „@AKR Stellenplan <b>prüfen</b>“')
    expect(text).toContain(`${world.server.url}/p/${id}#thread-${thread.id}`)
    const html = String(mail!.parsed.html)
    expect(html).toContain(`href="${world.server.url}/p/${id}#thread-${thread.id}"`)
    // What people wrote is text in the HTML, never markup.
    expect(html).toContain('&lt;b&gt;prüfen&lt;/b&gt;')
    expect(mailTo('akr.editor@mitzeichnung.invalid')).toHaveLength(1)

    // Sent is sent: the next tick sends nothing again.
    world.server.clock.advance(minutes(16))
    await world.server.runScheduledWork()
    expect(mailTo('akr.lead@mitzeichnung.invalid')).toHaveLength(1)
  })

  it('leaves out a kind the person switched off, and the in-app notification stays', async () => {
    await api('akr.editor').put('/me/notification-settings', { settings: [{ kind: 'mention', inApp: true, email: false }] })
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Nur in der App' })
    await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr' }] })
    await api('sozialamt.editor').post(`/proposals/${body.id}/threads`, { anchor: { kind: 'proposal' }, text: '@AKR bitte' })
    const before = mailTo('akr.editor@mitzeichnung.invalid').length
    world.server.clock.advance(minutes(16))
    await world.server.runScheduledWork()
    const latest = mailTo('akr.editor@mitzeichnung.invalid')
    expect(latest).toHaveLength(before + 1)
    expect(latest.at(-1)!.parsed.subject).toMatch(/^Mitzeichnung: Sabine Krüger hat Referat AKR um Mitzeichnung gebeten/)
    expect(latest.at(-1)!.parsed.text).not.toContain('angesprochen')
  })

  it('a digest the SMTP server refuses stays pending and goes out on a later tick', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Später' })
    await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr' }] })
    await smtp.close()
    world.server.clock.advance(minutes(16))
    await world.server.runScheduledWork()
    expect(world.server.output()).toContain('sending a notification digest failed')
    // The receiver comes back on the same port, with an empty mailbox.
    smtp = await startSmtpReceiver(new URL(smtp.url).port)
    await world.server.runScheduledWork()
    await waitFor(() => mailTo('akr.lead@mitzeichnung.invalid').length === 1, { what: 'the retried digest' })
    expect(mailTo('akr.lead@mitzeichnung.invalid')[0]!.parsed.text).toContain('Später')
  })
})

describe('without SMTP_URL', () => {
  it('sends no e-mail, keeps nothing pending, and the settings page says so', async () => {
    const world = await startSignedInServer(['sozialamt.lead', 'akr.lead'])
    try {
      const { body } = await world.api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Ohne E-Mail' })
      expect((await world.api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
      world.server.clock.advance(minutes(60))
      await world.server.runScheduledWork()
      expect((await world.api('akr.lead').get<{ emailEnabled: boolean }>('/me/notification-settings')).body.emailEnabled).toBe(false)
      expect((await world.api('akr.lead').get<{ unread: number }>('/me/notifications')).body.unread).toBe(1)
      expect(world.server.output()).not.toMatch(/digest|"level":"error"/)
    } finally {
      await world.stop()
    }
  })
})
