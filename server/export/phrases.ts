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

/**
 * One paragraph per involved department, as the papers write it: "Referat WFB hat Kenntnis genommen.",
 * "… hat die Vorlage mit folgendem Hinweis mitgezeichnet: …", "Referat WFB ist der Auffassung, dass …".
 */
export function cosignatureProse({ departmentId, signature }: CosignatureState): string {
  const name = departmentName(departmentId)
  if (!signature) return `${name}: Die Mitzeichnung steht noch aus.`
  const remark = signature.remark.trim()
  let text: string
  switch (signature.stance) {
    case 'approved':
      text = remark ? `${name} hat die Vorlage mitgezeichnet und weist auf Folgendes hin: ${sentence(remark)}` : `${name} hat die Vorlage mitgezeichnet.`
      break
    case 'acknowledged':
      text = remark ? `${name} hat Kenntnis genommen und weist auf Folgendes hin: ${sentence(remark)}` : `${name} hat Kenntnis genommen.`
      break
    case 'remarks':
      text = `${name} hat die Vorlage mit folgendem Hinweis mitgezeichnet: ${sentence(remark)}`
      break
    case 'objection':
      // A remark written as "dass …" continues the sentence, as in the papers.
      text = /^dass\b/.test(remark) ? `${name} ist der Auffassung, ${sentence(remark)}` : `${name} ist der Auffassung: ${sentence(remark)}`
      break
    default:
      text = `${name}: ${sentence(remark)}`
  }
  const signed = `(gez. ${signature.signerName}, ${germanDate(new Date(signature.signedAt))})`
  const outdated = signature.current ? '' : ' Diese Mitzeichnung bezieht sich auf einen früheren Stand der Vorlage.'
  return `${text} ${signed}${outdated}`
}
