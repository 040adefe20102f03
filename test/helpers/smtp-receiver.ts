// A real SMTP server on loopback (smtp-server) that keeps every message it receives, parsed (mailparser).
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { to: string[]; from: string; parsed: ParsedMail }

export type SmtpReceiver = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string
  received: ReceivedMail[]
  close(): Promise<void>
}

/** On a free loopback port, or on `port` (to come back where a server already sends). */
export async function startSmtpReceiver(port: number | string = 0): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    // Plain loopback SMTP, no login: what a relay inside the city network looks like to the app.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', parsed })
          callback()
        })
        .catch(callback)
    },
  })
  const listening = server.listen(Number(port), '127.0.0.1')
  await new Promise<void>((resolve) => listening.once('listening', () => resolve()))
  const address = listening.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
