// The paper as an OParl 1.1 `Paper`: its Beratungsfolge as `Consultation`s, the DOCX as main file with
// the PDF derived from it (both with SHA-512), and the co-signature record under a vendor prefix.
import { createHash } from 'node:crypto'
import { departmentName } from '../../shared/departments'
import { contentHash, isIsoDate, listConsultations, readHeader } from '../../shared/model'
import type { VersionRecord } from '../../shared/versions'
import type { ContentSource } from '../versions/sources'
import { fileSafe, mediaTypes } from './file-names'
import { purposeLabels } from './phrases'

const schema = 'https://schema.oparl.org/1.1'
/** Vendor prefix of our own properties, as OParl asks for extensions. */
const vendor = 'mitzeichnung'

export type ExportedFile = { format: 'docx' | 'pdf'; bytes: Uint8Array; url: string; fileName: string }

export type OparlFile = {
  id: string
  type: string
  name: string
  fileName: string
  mimeType: string
  date: string
  size: number
  sha512Checksum: string
  accessUrl: string
  downloadUrl: string
  masterFile?: string
  derivativeFile?: string[]
  created: string
  modified: string
}

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex')
const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/** Committees and departments have no OParl objects here yet; their URLs are minted from the name. */
const organizationUrl = (baseUrl: string, name: string) => `${baseUrl}/api/oparl/organization/${fileSafe(name, 80).toLowerCase() || 'unbenannt'}`

function oparlFile(file: ExportedFile, paperUrl: string, label: string, stamp: Date, links: Pick<OparlFile, 'masterFile' | 'derivativeFile'>): OparlFile {
  return {
    id: `${paperUrl}#${file.format}`,
    type: `${schema}/File`,
    name: `${label} (${file.format === 'docx' ? 'Word' : 'PDF'})`,
    fileName: file.fileName,
    mimeType: mediaTypes[file.format],
    date: isoDay(stamp),
    size: file.bytes.byteLength,
    sha512Checksum: sha512(file.bytes),
    accessUrl: file.url,
    downloadUrl: file.url,
    ...links,
    created: stamp.toISOString(),
    modified: stamp.toISOString(),
  }
}

function cosignatureRecord(record: VersionRecord) {
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
              current: signature.current,
            }
          : null,
      }
    }),
  }
}

export function oparlPaper(input: { baseUrl: string; paperUrl: string; source: ContentSource; docx: ExportedFile; pdf: ExportedFile }) {
  const { baseUrl, paperUrl, source } = input
  const header = readHeader(source.doc)
  const label = header.number ? `GRDrs ${header.number}` : header.title
  const docxFile = oparlFile(input.docx, paperUrl, label, source.stamp, { derivativeFile: [`${paperUrl}#pdf`] })
  const pdfFile = oparlFile(input.pdf, paperUrl, label, source.stamp, { masterFile: docxFile.id })
  const version = source.version
  return {
    id: paperUrl,
    type: `${schema}/Paper`,
    name: header.title,
    ...(header.number ? { reference: header.number } : {}),
    // Only a real date: a peer may have stored anything in the field.
    ...(isIsoDate(header.date) ? { date: header.date } : {}),
    paperType: header.kind,
    mainFile: docxFile,
    auxiliaryFile: [pdfFile],
    underDirectionOf: [organizationUrl(baseUrl, header.referat || departmentName(source.record.leadDepartmentId))],
    consultation: listConsultations(source.doc).map((c) => ({
      id: `${paperUrl}#consultation-${c.id}`,
      type: `${schema}/Consultation`,
      organization: [organizationUrl(baseUrl, c.committee)],
      role: purposeLabels[c.purpose],
      authoritative: c.purpose === 'decision',
      [`${vendor}:sessionDate`]: isIsoDate(c.sessionDate) ? c.sessionDate : null,
      [`${vendor}:public`]: c.public,
    })),
    keyword: source.draft ? ['Entwurf'] : [],
    created: source.proposal.createdAt.toISOString(),
    modified: source.stamp.toISOString(),
    [`${vendor}:state`]: {
      draft: source.draft,
      contentHash: contentHash(source.doc),
      version: version ? { id: version.id, number: version.number, name: version.name, origin: version.origin, createdAt: version.createdAt } : null,
    },
    [`${vendor}:cosignatures`]: cosignatureRecord(source.record),
  }
}

export type OparlPaper = ReturnType<typeof oparlPaper>
