// What the OParl endpoint publishes, read from the released versions: papers (current or withdrawn),
// their consultations and files, and the departments, committees and sessions they name. Only
// versions a release made are read, never the live draft, comments or users.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { auditLog, departments, proposals, versions } from '../../db/schema'
import { isIsoDate, listConsultations, readHeader, type ConsultationFields, type Header } from '../../shared/model'
import type { VersionRecord } from '../../shared/versions'
import { versionDoc } from '../versions/versions'
import { committeeKey, fileFormats, meetingKey, type FileFormat } from './urls'

/** What one released version says, read once: stored versions never change. */
export type Release = {
  versionId: string
  proposalId: string
  number: number
  name: string
  createdAt: Date
  contentHash: string
  header: Header
  consultations: (ConsultationFields & { id: string })[]
  record: VersionRecord
}

/** Everything OParl lists carries these: the list filters and the soft delete work on them. */
export type Listed = { created: Date; modified: Date; deleted: boolean; sortKey: string }

export type PublishedPaper = Listed & {
  proposalId: string
  /** Every release, oldest first; the paper shows the last. */
  releases: Release[]
  latest: Release
}
export type PublishedConsultation = Listed & { paper: PublishedPaper; itemId: string; fields: ConsultationFields }
export type PublishedFile = Listed & { paper: PublishedPaper; release: Release; format: FileFormat }
export type Department = Listed & { id: string; name: string; tag: string }
export type Committee = Listed & { key: string; name: string }
export type Meeting = Listed & { key: string; committee: string; date: string }

export type Catalog = {
  /** When the installation began (its departments were created): the System's and Body's dates. */
  installedAt: Date
  departments: Department[]
  committees: Committee[]
  meetings: Meeting[]
  papers: PublishedPaper[]
  consultations: PublishedConsultation[]
  files: PublishedFile[]
}

const never = new Date(0)

/** Reads the catalog fresh from the database per request; each released version is decoded once. */
export function createCatalog(db: Db, options: { cachedReleases?: number } = {}) {
  const capacity = options.cachedReleases ?? 5_000
  const releases = new Map<string, Release>()

  const readRelease = async (versionId: string): Promise<Release> => {
    const cached = releases.get(versionId)
    if (cached) return cached
    const row = (await db.select().from(versions).where(eq(versions.id, versionId)))[0]!
    const doc = versionDoc(row.state)
    try {
      const release: Release = {
        versionId,
        proposalId: row.proposalId,
        number: row.number,
        name: row.name,
        createdAt: row.createdAt,
        contentHash: row.contentHash,
        header: readHeader(doc),
        consultations: listConsultations(doc).map((c) => ({ ...c, committee: c.committee.trim() })),
        record: row.record,
      }
      releases.set(versionId, release)
      // Oldest first out: Map keeps insertion order.
      while (releases.size > capacity) releases.delete(releases.keys().next().value!)
      return release
    } finally {
      doc.destroy()
    }
  }

  return async function load(): Promise<Catalog> {
    const releaseRows = (await db
      .select({ id: versions.id, proposalId: versions.proposalId, number: versions.number })
      .from(versions)
      .where(eq(versions.origin, 'release')))
      .sort((a, b) => a.proposalId.localeCompare(b.proposalId) || a.number - b.number)
    const byProposal = new Map<string, Release[]>()
    for (const row of releaseRows) {
      const list = byProposal.get(row.proposalId) ?? []
      list.push(await readRelease(row.id))
      byProposal.set(row.proposalId, list)
    }
    const ids = [...byProposal.keys()]
    const states = new Map(
      (ids.length ? await db.select({ id: proposals.id, status: proposals.status, updatedAt: proposals.updatedAt }).from(proposals).where(inArray(proposals.id, ids)) : []).map(
        (p) => [p.id, p],
      ),
    )
    const reopenings = ids.length
      ? await db.select({ proposalId: auditLog.proposalId, at: auditLog.at }).from(auditLog).where(and(eq(auditLog.action, 'reopened'), inArray(auditLog.proposalId, ids)))
      : []
    const lastReopening = new Map<string, Date>()
    for (const { proposalId, at } of reopenings) if (at > (lastReopening.get(proposalId) ?? never)) lastReopening.set(proposalId, at)

    const papers: PublishedPaper[] = []
    for (const [proposalId, list] of byProposal) {
      const latest = list[list.length - 1]!
      const state = states.get(proposalId)
      const deleted = state?.status !== 'released'
      // Withdrawn when it was reopened after its last release; the modification is that moment.
      const reopened = lastReopening.get(proposalId)
      const withdrawnAt = reopened && reopened >= latest.createdAt ? reopened : (state?.updatedAt ?? latest.createdAt)
      papers.push({ proposalId, releases: list, latest, created: list[0]!.createdAt, modified: deleted ? withdrawnAt : latest.createdAt, deleted, sortKey: proposalId })
    }

    const departmentRows = await db.select().from(departments)
    const installedAt = departmentRows.reduce((first, d) => (d.createdAt < first ? d.createdAt : first), departmentRows[0]?.createdAt ?? never)
    return {
      installedAt,
      departments: departmentRows.map((d) => ({ id: d.id, name: d.name, tag: d.tag, created: d.createdAt, modified: d.createdAt, deleted: false, sortKey: d.id })),
      ...namedInReleases(papers),
      papers,
      consultations: papers.flatMap(consultationsOf),
      files: papers.flatMap(filesOf),
    }
  }
}

/**
 * A consultation exists from the first release that lists it; it is deleted once a later release
 * drops it (then) or the paper is withdrawn (then). Its content is that of the last release listing it.
 */
function consultationsOf(paper: PublishedPaper): PublishedConsultation[] {
  const seen = new Map<string, { fields: ConsultationFields; created: Date; last: number }>()
  paper.releases.forEach((release, index) => {
    for (const { id, ...fields } of release.consultations) {
      seen.set(id, { fields, created: seen.get(id)?.created ?? release.createdAt, last: index })
    }
  })
  const lastIndex = paper.releases.length - 1
  return [...seen].map(([itemId, { fields, created, last }]) => ({
    paper,
    itemId,
    fields,
    created,
    modified: last === lastIndex ? paper.modified : paper.releases[last + 1]!.createdAt,
    deleted: paper.deleted || last !== lastIndex,
    sortKey: `${paper.proposalId}/${itemId}`,
  }))
}

/** The PDF and DOCX of each release; a later release or the withdrawal deletes them. */
function filesOf(paper: PublishedPaper): PublishedFile[] {
  const lastIndex = paper.releases.length - 1
  return paper.releases.flatMap((release, index) =>
    fileFormats.map((format) => ({
      paper,
      release,
      format,
      created: release.createdAt,
      modified: index === lastIndex ? paper.modified : paper.releases[index + 1]!.createdAt,
      deleted: paper.deleted || index !== lastIndex,
      sortKey: `${release.versionId}/${format}`,
    })),
  )
}

/**
 * Committees and their sessions as the released Beratungsfolgen name them. They belong to the council,
 * not to a paper: once published they stay, dated by the first release that named them.
 */
function namedInReleases(papers: PublishedPaper[]): { committees: Committee[]; meetings: Meeting[] } {
  const committees = new Map<string, Committee>()
  const meetings = new Map<string, Meeting>()
  for (const release of papers.flatMap((p) => p.releases)) {
    for (const { committee, sessionDate } of release.consultations) {
      if (!committee) continue
      const key = committeeKey(committee)
      const known = committees.get(key)
      if (!known || release.createdAt < known.created) {
        committees.set(key, { key, name: committee, created: release.createdAt, modified: release.createdAt, deleted: false, sortKey: key })
      }
      if (!isIsoDate(sessionDate)) continue
      const meeting = meetingKey(committee, sessionDate)
      const knownMeeting = meetings.get(meeting)
      if (!knownMeeting || release.createdAt < knownMeeting.created) {
        meetings.set(meeting, { key: meeting, committee, date: sessionDate, created: release.createdAt, modified: release.createdAt, deleted: false, sortKey: meeting })
      }
    }
  }
  return { committees: [...committees.values()], meetings: [...meetings.values()] }
}
