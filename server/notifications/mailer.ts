// Sends e-mail through the configured SMTP server (SMTP_URL); without one there is no mailer and no e-mail.
import nodemailer from 'nodemailer'

export type OutgoingMail = { to: string; subject: string; text: string; html: string }

export type Mailer = {
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  if (!smtpUrl) return undefined
  // Short timeouts: a digest that cannot be sent stays pending and is tried again on the next tick.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail })
    },
    close: () => transport.close(),
  }
}
