// Sends e-mail through the configured SMTP server (SMTP_URL); without one there is no mailer and no e-mail.
import type { Transporter } from 'nodemailer'

export type OutgoingMail = { to: string; subject: string; text: string; html: string }

export type Mailer = {
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export function createMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  if (!smtpUrl) return undefined
  // nodemailer costs ≈ 9 MB resident: loaded with the first mail, not at start (bench/module-cost.ts).
  let transport: Promise<Transporter> | undefined
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      // Short timeouts: a digest that cannot be sent stays pending and is tried again on the next tick.
      nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    ))
  return {
    async send(mail) {
      await (await open()).sendMail({ from, ...mail })
    },
    close: () => void transport?.then((opened) => opened.close()),
  }
}
