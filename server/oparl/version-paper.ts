// The OParl JSON file of one version or the draft (export.json): a `Paper` snapshot whose files are the
// DOCX and PDF served beside it, the PDF as the document of record, the co-signature record under a
// vendor prefix, and — once the paper is released — the link to its stable object on the OParl endpoint.
import { createHash } from 'node:crypto'
import { departmentName } from '../../shared/departments'
import { isIsoDate, listConsultations, readHeader } from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import type { VersionRecord } from '../../shared/versions'
import type { ExportedBytes, Exporter } from '../export/exporter'
import { mediaTypes, type ExportFormat } from '../export/file-names'
import { purposeLabels } from '../export/phrases'
import type { ContentSource } from '../versions/sources'
import { committeeKey, departmentKey, oparlDateTime, oparlUrls, schemaBase } from './urls'

/** Vendor prefix of our own properties, as OParl asks for extensions. */
const vendor = 'mitzeichnung'

/** Where this export is served, and the paper's object on the OParl endpoint if it has one. */
export type VersionPaperLocation = { baseUrl: string; urlOf(format: ExportFormat): string; oparlPaperUrl?: string }

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex')
const isoDay = (date: Date) => date.toISOString().slice(0, 10)

function oparlFile(format: 'docx' | 'pdf', file: ExportedBytes, url: string, label: string, stamp: Date) {
  return {
    id: `${url}#file`,
    type: `${schemaBase}/File`,
    name: `${label} (${format === 'docx' ? 'Word' : 'PDF'})`,
    fileName: file.fileName,
    mimeType: mediaTypes[format],
    date: isoDay(stamp),
    size: file.bytes.byteLength,
    sha512Checksum: sha512(file.bytes),
    accessUrl: url,
    downloadUrl: url,
    created: oparlDateTime(stamp),
    modified: oparlDateTime(stamp),
  }
}

/** Who signed what, when, and on which hash of their sections: the co-signature record as a vendor extension. */
export function cosignatureRecord(record: VersionRecord) {
  const signed = new Map(record.signatures.map((s) => [s.departmentId, s]))
  return {
    status: record.status,
    leadDepartment: { id: record.leadDepartmentId, name: departmentName(record.leadDepartmentId) },
    departments: record.involved.map(({ departmentId, sections }) => {
      const signature = signed.get(departmentId)
      return {
        id: departmentId,
        name: departmentName(departmentId),
        sections,
        signature: signature
          ? {
              stance: signature.stance,
              remark: signature.remark,
              signer: signature.signerName,
              signedAt: signature.signedAt,
              sections: signature.sections,
              sectionsHash: signature.sectionsHash,
              current: signature.current,
            }
          : null,
      }
    }),
  }
}

/** Renders both files (the same bytes as their own downloads) to describe them with size and checksum. */
export async function versionPaper(exporter: Exporter, source: ContentSource, location: VersionPaperLocation) {
  const paper = exporter.paperOf(source)
  const [docx, pdf] = await Promise.all([exporter.docx(source, paper), exporter.pdf(source, paper)])
  const urls = oparlUrls(location.baseUrl)
  const header = readHeader(source.doc)
  const label = header.number ? `GRDrs ${header.number}` : header.title
  const paperUrl = location.urlOf('json')
  const version = source.version
  const json = {
    id: paperUrl,
    type: `${schemaBase}/Paper`,
    body: urls.body,
    name: header.title,
    ...(header.number ? { reference: header.number } : {}),
    // Only a real date: a peer may have stored anything in the field.
    ...(isIsoDate(header.date) ? { date: header.date } : {}),
    paperType: header.kind,
    mainFile: oparlFile('pdf', pdf, location.urlOf('pdf'), label, source.stamp),
    auxiliaryFile: [oparlFile('docx', docx, location.urlOf('docx'), label, source.stamp)],
    underDirectionOf: [urls.organization(departmentKey(source.record.leadDepartmentId))],
    consultation: listConsultations(source.doc).map((c) => ({
      id: `${paperUrl}#consultation-${c.id}`,
      type: `${schemaBase}/Consultation`,
      ...(c.committee.trim() ? { organization: [urls.organization(committeeKey(c.committee.trim()))] } : {}),
      role: purposeLabels[c.purpose],
      authoritative: c.purpose === 'decision',
      [`${vendor}:sessionDate`]: isIsoDate(c.sessionDate) ? c.sessionDate : null,
      [`${vendor}:public`]: c.public,
    })),
    ...(source.draft ? { keyword: ['Entwurf'] } : {}),
    created: oparlDateTime(source.proposal.createdAt),
    modified: oparlDateTime(source.stamp),
    ...(header.referat ? { [`${vendor}:referat`]: header.referat } : {}),
    ...(location.oparlPaperUrl ? { [`${vendor}:oparlPaper`]: location.oparlPaperUrl } : {}),
    [`${vendor}:state`]: {
      draft: source.draft,
      contentHash: contentHash(source.doc),
      version: version ? { id: version.id, number: version.number, name: version.name, origin: version.origin, createdAt: version.createdAt } : null,
    },
    [`${vendor}:cosignatures`]: cosignatureRecord(source.record),
  }
  return { json, fileName: exporter.fileName(source, 'json') }
}

export type VersionPaper = Awaited<ReturnType<typeof versionPaper>>['json']
