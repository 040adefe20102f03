// The German wording of the exported paper: labels, dates, and each department's stance in prose.
import { departmentName } from '../../shared/departments'
import type { ConsultationPurpose, ProposalKind } from '../../shared/model'
import type { VersionSignature } from '../../shared/versions'

export const purposeLabels: Record<ConsultationPurpose, string> = {
  decision: 'Beschlussfassung',
  information: 'Kenntnisnahme',
  preliminary: 'Vorberatung',
}

export const publicityLabel = (isPublic: boolean): string => (isPublic ? 'öffentlich' : 'nichtöffentlich')

/** A Beschlussvorlage gives reasons (Begründung); the other kinds report (Bericht). */
export const bodyHeading = (kind: ProposalKind): string => (kind === 'Beschlussvorlage' ? 'Begründung' : 'Bericht')

/** The section headings of the paper, in paper order. */
export const headings = {
  consultations: 'Beratungsfolge',
  resolution: 'Beschlussantrag',
  positions: 'Stellen und Ermächtigungen',
  finance: 'Finanzielle Auswirkungen',
  cosignatures: 'Mitzeichnung der beteiligten Stellen',
  pendingMotions: 'Vorliegende Anträge/Anfragen',
  settledMotions: 'Erledigte Anträge/Anfragen',
  attachments: 'Anlagen',
} as const

const berlin = (date: Date, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', ...options }).format(date)

/** `12.07.2021` in Stuttgart's time zone. */
export const germanDate = (date: Date): string => berlin(date, { day: '2-digit', month: '2-digit', year: 'numeric' })
/** `12.07.2021, 14:05 Uhr`. */
export const germanDateTime = (date: Date): string =>
  `${germanDate(date)}, ${berlin(date, { hour: '2-digit', minute: '2-digit', hour12: false })} Uhr`

/** `Landeshauptstadt Stuttgart` → `Stuttgart`: the place before the date in the header block. */
export function placeOf(organisation: string): string {
  return organisation.replace(/^(?:(?:Freie und )?(?:Landeshaupt|Hanse|Kreis|Universitäts|Große Kreis)?[Ss]tadt|Gemeinde|Markt)\s+/, '') || organisation
}

const sentence = (text: string): string => {
  const trimmed = text.trim()
  return /[.!?:…“"]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** An involved department and its signature, if it has given one. */
type CosignatureState = { departmentId: string; signature: VersionSignature | undefined }

/** A remark that already names the department ("Referat WFB ist der Auffassung, …") without that name. */
function withoutOwnName(name: string, remark: string): string {
  return remark.startsWith(`${name} `) ? remark.slice(name.length + 1).trimStart() : remark
}

/** An objection in the papers' words; a remark already saying "ist der Auffassung" is not prefixed twice. */
function objectionProse(name: string, remark: string): string {
  const rest = withoutOwnName(name, remark)
  if (/^ist\b[^.]*\bder Auffassung\b/.test(rest)) return `${name} ${sentence(rest)}`
  // A remark written as "dass …" continues the sentence, as in the papers.
  return /^dass\b/.test(rest) ? `${name} ist der Auffassung, ${sentence(rest)}` : `${name} ist der Auffassung: ${sentence(rest)}`
}

/**
 * One paragraph per involved department, worded as on the board and in the papers: "Referat WFB hat
 * Kenntnis genommen.", "… hat der Vorlage zugestimmt.", "… hat die Vorlage mit folgendem Hinweis
 * mitgezeichnet: …", "Referat WFB ist der Auffassung, dass …". No "(gez. …)": real papers carry none.
 */
export function cosignatureProse({ departmentId, signature }: CosignatureState): string {
  const name = departmentName(departmentId)
  if (!signature) return `${name}: Die Mitzeichnung steht noch aus.`
  const remark = signature.remark.trim()
  let text: string
  switch (signature.stance) {
    case 'approved':
      text = remark ? `${name} hat der Vorlage zugestimmt und weist auf Folgendes hin: ${sentence(remark)}` : `${name} hat der Vorlage zugestimmt.`
      break
    case 'acknowledged':
      text = remark ? `${name} hat Kenntnis genommen und weist auf Folgendes hin: ${sentence(remark)}` : `${name} hat Kenntnis genommen.`
      break
    case 'remarks':
      text = `${name} hat die Vorlage mit folgendem Hinweis mitgezeichnet: ${sentence(remark)}`
      break
    case 'objection':
      text = objectionProse(name, remark)
      break
    default:
      text = `${name}: ${sentence(remark)}`
  }
  const outdated = signature.current ? '' : ' Diese Mitzeichnung bezieht sich auf einen früheren Stand der Vorlage.'
  return `${text}${outdated}`
}

/** What the papers print under a heading with nothing in it (Vorliegende/Erledigte Anträge). */
export const emptySection = '---'
