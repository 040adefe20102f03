// The URLs of the OParl endpoint: every object's id is the URL that answers it, built from
// PUBLIC_BASE_URL (never from the request's Host), and stable for as long as the object exists.
import { createHash } from 'node:crypto'
import { fileSafe } from '../export/file-names'

export const oparlPath = '/oparl/v1'
export const schemaBase = 'https://schema.oparl.org/1.1'
export const oparlVersion = `${schemaBase}/`

/** The one Body this server describes: the city (or county) from the configuration. */
export const bodyKey = '1'

export const listKinds = ['organization', 'person', 'meeting', 'paper', 'consultation', 'file'] as const
export type ListKind = (typeof listKinds)[number]

export const fileFormats = ['pdf', 'docx'] as const
export type FileFormat = (typeof fileFormats)[number]

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8)

/**
 * A committee's key from its name as written in the Beratungsfolge: readable, and with a hash of the
 * exact name so two committees whose names differ only in punctuation stay two.
 */
export const committeeKey = (name: string): string => `${fileSafe(name, 50).toLowerCase() || 'gremium'}-${shortHash(name)}`

export const departmentKey = (departmentId: string): string => `dept-${departmentId}`

/** A session of a committee on a day: what the Beratungsfolge knows of a meeting. */
export const meetingKey = (committee: string, date: string): string => `${committeeKey(committee)}-${date}`

export type OparlUrls = ReturnType<typeof oparlUrls>

export function oparlUrls(publicBaseUrl: string) {
  const root = `${publicBaseUrl}${oparlPath}`
  const body = `${root}/body/${bodyKey}`
  const file = (versionId: string, format: FileFormat) => `${root}/file/${versionId}/${format}`
  return {
    root,
    system: root,
    bodies: `${root}/body`,
    body,
    list: (kind: ListKind) => `${body}/${kind}`,
    organization: (key: string) => `${root}/organization/${key}`,
    meeting: (key: string) => `${root}/meeting/${key}`,
    paper: (proposalId: string) => `${root}/paper/${proposalId}`,
    consultation: (proposalId: string, itemId: string) => `${root}/consultation/${proposalId}/${itemId}`,
    file,
    /** The file itself, to open in place (no attachment header, as the spec asks of accessUrl). */
    fileContent: (versionId: string, format: FileFormat) => `${file(versionId, format)}/content`,
    /** The file as a download (Content-Disposition: attachment). */
    fileDownload: (versionId: string, format: FileFormat) => `${file(versionId, format)}/download`,
  }
}

/** `2021-07-12T08:30:00+00:00`: the spec's date-time form, to the second. */
export const oparlDateTime = (date: Date): string => `${date.toISOString().slice(0, 19)}+00:00`

/** The same instant to the second, as clients see it: filters compare what they were shown. */
export const toSecond = (date: Date): number => Math.floor(date.getTime() / 1000) * 1000
