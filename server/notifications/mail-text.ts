// The German digest e-mail: one section per proposal, one line per notification, each with a link to
// its place on the board; plain text and HTML with the same content. Everything people wrote is escaped.
import { departmentName } from '../../shared/departments'
import type { NotificationDetail, NotificationKind } from '../../shared/notifications'
import { formatDate } from '../../shared/format'
import { hrefOf, type PendingMail } from './store'

export function sentenceOf(kind: NotificationKind, detail: NotificationDetail): string {
  const department = detail.departmentId ? departmentName(detail.departmentId) : ''
  const due = detail.due ? formatDate(detail.due) : ''
  const actor = detail.actorName ?? 'Jemand'
  const quote = detail.excerpt ? `: „${detail.excerpt}“` : ''
  switch (kind) {
    case 'round-started':
      return `${actor} hat ${department} um Mitzeichnung gebeten${due ? ` (Frist: ${due})` : ''}.`
    case 'signature-outdated':
      return `Die Mitzeichnung von ${department} ist veraltet: mitgezeichnete Abschnitte wurden geändert.`
    case 'deadline-soon':
      return `Die Frist für die Mitzeichnung von ${department} endet am ${due}.`
    case 'deadline-passed':
      return `Die Frist für die Mitzeichnung von ${department} ist am ${due} abgelaufen – überfällig.`
    case 'mention':
      return `${actor} hat Sie in einem Kommentar angesprochen${quote}`
    case 'reply':
      return `${actor} hat in einer Diskussion geantwortet, an der Sie beteiligt sind${quote}`
    case 'released':
      return `${actor} hat die Vorlage freigegeben.`
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const proposalLabel = (mail: PendingMail) => `${mail.number ? `GRDrs ${mail.number} – ` : ''}${mail.title}`

export function composeDigest(input: { displayName: string; items: PendingMail[]; baseUrl: string }): { subject: string; text: string; html: string } {
  const { items, baseUrl } = input
  const byProposal = new Map<string, PendingMail[]>()
  for (const item of items) byProposal.set(item.proposalId, [...(byProposal.get(item.proposalId) ?? []), item])
  const link = (item: PendingMail) => `${baseUrl}${hrefOf(item.kind, item.proposalId, item.detail)}`
  const settings = `${baseUrl}/settings`
  const subject = items.length === 1 ? `Mitzeichnung: ${sentenceOf(items[0]!.kind, items[0]!.detail).slice(0, 120)}` : `Mitzeichnung: ${items.length} neue Benachrichtigungen`

  const text = [
    `Guten Tag ${input.displayName},`,
    '',
    'seit der letzten Nachricht ist in der Mitzeichnung Folgendes geschehen:',
    ...[...byProposal.values()].flatMap((list) => ['', proposalLabel(list[0]!), ...list.map((item) => `- ${sentenceOf(item.kind, item.detail)}\n  ${link(item)}`)]),
    '',
    `Welche Benachrichtigungen Sie per E-Mail erhalten, stellen Sie hier ein: ${settings}`,
  ].join('\n')

  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; color: #1b1b1b; max-width: 40em; margin: 1.5em auto; line-height: 1.45">
<p>Guten Tag ${escapeHtml(input.displayName)},</p>
<p>seit der letzten Nachricht ist in der Mitzeichnung Folgendes geschehen:</p>
${[...byProposal.values()]
  .map(
    (list) => `<h2 style="font-size: 1.05em; margin: 1.2em 0 .4em">${escapeHtml(proposalLabel(list[0]!))}</h2>
<ul style="padding-left: 1.2em">
${list.map((item) => `<li style="margin-bottom: .5em">${escapeHtml(sentenceOf(item.kind, item.detail))}<br><a href="${escapeHtml(link(item))}">Zur Stelle auf dem Board</a></li>`).join('\n')}
</ul>`,
  )
  .join('\n')}
<p style="color: #555; font-size: .9em">Welche Benachrichtigungen Sie per E-Mail erhalten, stellen Sie <a href="${escapeHtml(settings)}">in den Einstellungen</a> ein.</p>
</body></html>`
  return { subject, text, html }
}
