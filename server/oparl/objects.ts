// The OParl 1.1 objects as served: System, Body, Organization, Meeting, Paper, Consultation, File.
// Deleted ones keep id, type, created and modified, and say `deleted: true` (spec: "Gelöschte Objekte").
import { isIsoDate } from '../../shared/model'
import type { OparlConfig } from '../config'
import { mediaTypes } from '../export/file-names'
import { cosignatureRecord } from './version-paper'
import { purposeLabels } from '../export/phrases'
import type { Catalog, Committee, Department, Listed, Meeting, PublishedConsultation, PublishedFile, PublishedPaper } from './catalog'
import type { ReleasedFiles } from './released-files'
import { committeeKey, departmentKey, meetingKey, oparlDateTime, oparlVersion, schemaBase, type OparlUrls } from './urls'

/** Our own properties carry this prefix, as the spec asks of extensions. */
const vendor = 'mitzeichnung'

export type OparlContext = { urls: OparlUrls; body: OparlConfig['body']; catalog: Catalog; files: ReleasedFiles }

export type OparlObject = { id: string; type: string; [property: string]: unknown }

const typeOf = (name: string) => `${schemaBase}/${name}`
const dates = (item: Pick<Listed, 'created' | 'modified'>) => ({ created: oparlDateTime(item.created), modified: oparlDateTime(item.modified) })
const deleted = (id: string, type: string, item: Listed, keep: Record<string, unknown> = {}): OparlObject => ({
  id,
  type: typeOf(type),
  ...keep,
  ...dates(item),
  deleted: true,
})

const berlinParts = (date: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', ...options }).format(date)
/** `2021-07-12`: the day in Stuttgart's time zone. */
const berlinIsoDay = (date: Date) => berlinParts(date, { year: 'numeric', month: '2-digit', day: '2-digit' })
/** Midnight of a day in Stuttgart, with that day's offset: `2021-07-12T00:00:00+02:00`. */
function berlinMidnight(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`)
  const offset = berlinParts(noon, { timeZoneName: 'longOffset' }).match(/GMT([+-]\d{2}:\d{2})/)?.[1] ?? '+00:00'
  return `${day}T00:00:00${offset}`
}
const germanDay = (day: string) => day.split('-').reverse().join('.')

export function systemObject({ urls, body, catalog }: OparlContext): OparlObject {
  const stamp = { created: catalog.installedAt, modified: catalog.installedAt }
  return { id: urls.system, type: typeOf('System'), oparlVersion, body: urls.bodies, name: `Mitzeichnung – ${body.name}`, ...dates(stamp) }
}

export function bodyObject({ urls, body, catalog }: OparlContext): OparlObject {
  const stamp = { created: catalog.installedAt, modified: catalog.installedAt }
  return {
    id: urls.body,
    type: typeOf('Body'),
    system: urls.system,
    name: body.name,
    ...(body.shortName && { shortName: body.shortName }),
    ...(body.website && { website: body.website }),
    ...(body.ags && { ags: body.ags }),
    organization: urls.list('organization'),
    person: urls.list('person'),
    meeting: urls.list('meeting'),
    paper: urls.list('paper'),
    consultation: urls.list('consultation'),
    file: urls.list('file'),
    // Obligatory, and this server knows no legislative terms: an empty list, as the spec asks.
    legislativeTerm: [],
    ...dates(stamp),
  }
}

export function departmentObject({ urls }: OparlContext, department: Department): OparlObject {
  return {
    id: urls.organization(departmentKey(department.id)),
    type: typeOf('Organization'),
    body: urls.body,
    name: department.name,
    shortName: department.tag,
    organizationType: 'Verwaltungsbereich',
    ...dates(department),
  }
}

export function committeeObject({ urls }: OparlContext, committee: Committee): OparlObject {
  return { id: urls.organization(committee.key), type: typeOf('Organization'), body: urls.body, name: committee.name, organizationType: 'Gremium', ...dates(committee) }
}

/** The Beratungsfolge knows the day of a session, not its hour: `start` is that day's midnight, the day itself a vendor property. */
export function meetingObject({ urls }: OparlContext, meeting: Meeting): OparlObject {
  return {
    id: urls.meeting(meeting.key),
    type: typeOf('Meeting'),
    name: `${meeting.committee}, Sitzung am ${germanDay(meeting.date)}`,
    start: berlinMidnight(meeting.date),
    organization: [urls.organization(committeeKey(meeting.committee))],
    [`${vendor}:sessionDate`]: meeting.date,
    ...dates(meeting),
  }
}

export function consultationObject({ urls }: OparlContext, consultation: PublishedConsultation): OparlObject {
  const id = urls.consultation(consultation.paper.proposalId, consultation.itemId)
  if (consultation.deleted) return deleted(id, 'Consultation', consultation)
  const { committee, purpose, sessionDate } = consultation.fields
  const dated = committee !== '' && isIsoDate(sessionDate)
  return {
    id,
    type: typeOf('Consultation'),
    paper: urls.paper(consultation.paper.proposalId),
    ...(committee && { organization: [urls.organization(committeeKey(committee))] }),
    ...(dated && { meeting: urls.meeting(meetingKey(committee, sessionDate)) }),
    role: purposeLabels[purpose],
    authoritative: purpose === 'decision',
    [`${vendor}:public`]: consultation.fields.public,
    ...(isIsoDate(sessionDate) && { [`${vendor}:sessionDate`]: sessionDate }),
    ...dates(consultation),
  }
}

export async function fileObject({ urls, files }: OparlContext, file: PublishedFile): Promise<OparlObject> {
  const { versionId } = file.release
  const id = urls.file(versionId, file.format)
  // The spec lets a deleted object drop everything else; the schema still asks for accessUrl (it answers 410).
  if (file.deleted) return deleted(id, 'File', file, { accessUrl: urls.fileContent(versionId, file.format) })
  const facts = await files.facts(file.release, file.format)
  const { number, title } = file.release.header
  return {
    id,
    type: typeOf('File'),
    name: `${number ? `GRDrs ${number}` : title} (${file.format === 'pdf' ? 'PDF' : 'Word'})`,
    fileName: facts.fileName,
    mimeType: mediaTypes[file.format],
    date: berlinIsoDay(file.release.createdAt),
    size: facts.size,
    sha512Checksum: facts.sha512,
    accessUrl: urls.fileContent(versionId, file.format),
    downloadUrl: urls.fileDownload(versionId, file.format),
    paper: [urls.paper(file.paper.proposalId)],
    ...dates(file),
  }
}

/**
 * A released paper: the PDF is the document of record (mainFile), the DOCX an auxiliary file that
 * `omit_internal` leaves out; the Beratungsfolge as consultations; the co-signature record as vendor
 * properties. A withdrawn paper keeps only what the spec asks a deleted object to keep.
 */
export async function paperObject(context: OparlContext, paper: PublishedPaper, options: { omitInternal?: boolean } = {}): Promise<OparlObject> {
  const { urls, catalog } = context
  const id = urls.paper(paper.proposalId)
  if (paper.deleted) return deleted(id, 'Paper', paper, { body: urls.body })
  const { header, record, versionId, number, name, contentHash, createdAt } = paper.latest
  const fileOf = (format: 'pdf' | 'docx') => catalog.files.find((f) => f.release.versionId === versionId && f.format === format)!
  const [pdf, docx] = await Promise.all([fileObject(context, fileOf('pdf')), options.omitInternal ? undefined : fileObject(context, fileOf('docx'))])
  const order = new Map(paper.latest.consultations.map((c, index) => [c.id, index]))
  const consultations = catalog.consultations
    .filter((c) => c.paper === paper && !c.deleted)
    .sort((a, b) => order.get(a.itemId)! - order.get(b.itemId)!)
    .map((c) => consultationObject(context, c))
  return {
    id,
    type: typeOf('Paper'),
    body: urls.body,
    name: header.title,
    ...(header.number && { reference: header.number }),
    ...(isIsoDate(header.date) && { date: header.date }),
    paperType: header.kind,
    mainFile: pdf,
    ...(docx && { auxiliaryFile: [docx] }),
    underDirectionOf: [urls.organization(departmentKey(record.leadDepartmentId))],
    ...(consultations.length > 0 && { consultation: consultations }),
    ...dates(paper),
    ...(header.referat && { [`${vendor}:referat`]: header.referat }),
    [`${vendor}:version`]: { number, name, contentHash, releasedAt: oparlDateTime(createdAt) },
    [`${vendor}:cosignatures`]: cosignatureRecord(record),
  }
}
