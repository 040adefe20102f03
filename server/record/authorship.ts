// Reads who wrote what in a document, as the store kept it beside the update log (doc_clients,
// doc_edits): the owner of every Yjs client id, who added or deleted a given Yjs id and when, and the
// edits per person grouped into bursts for the Verlauf.
import { and, asc, eq, gte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { docClients, docEdits, users } from '../../db/schema'
import type { ChangeAuthor, ClientAuthor, EditBurst } from '../../shared/api-responses'
import type { SectionName } from '../../shared/model'

/** Edits of one person less than this apart are one entry of the Verlauf. */
export const burstGapMs = 5 * 60_000

/** A person (or the server: userId null) with the time of their change, if known. */
export type Stamp = { userId: string | null; userName: string | null; departmentId: string | null; at: Date | null }

/** [client, from, to) of a row, with the row's person and last time. */
type Span = { client: number; from: number; to: number; userId: string; departmentId: string; at: Date }

export async function clientAuthors(db: Db, docName: string): Promise<ClientAuthor[]> {
  return await db
    .select({ clientId: docClients.clientId, userId: docClients.userId, userName: users.displayName, departmentId: docClients.departmentId })
    .from(docClients)
    .leftJoin(users, eq(users.id, docClients.userId))
    .where(eq(docClients.docName, docName))
}

/** One entry per person per burst of edits (gaps under five minutes), oldest first. */
export async function editBursts(db: Db, docName: string): Promise<EditBurst[]> {
  const rows = await db
    .select({ row: docEdits, userName: users.displayName })
    .from(docEdits)
    .leftJoin(users, eq(users.id, docEdits.userId))
    .where(eq(docEdits.docName, docName))
    .orderBy(asc(docEdits.firstAt), asc(docEdits.id))
  const bursts: (Omit<EditBurst, 'from' | 'to'> & { from: Date; to: Date; userId: string })[] = []
  const open = new Map<string, (typeof bursts)[number]>()
  for (const { row, userName } of rows) {
    const current = open.get(row.userId)
    if (current && current.departmentId === row.departmentId && row.firstAt.getTime() - current.to.getTime() <= burstGapMs) {
      if (row.lastAt > current.to) current.to = row.lastAt
      current.updates += row.updates
      for (const section of row.sections) if (!current.sections.includes(section as SectionName)) current.sections.push(section as SectionName)
      continue
    }
    const burst = { userId: row.userId, userName, departmentId: row.departmentId, from: row.firstAt, to: row.lastAt, updates: row.updates, sections: row.sections as SectionName[] }
    bursts.push(burst)
    open.set(row.userId, burst)
  }
  return bursts.map(({ userId: _userId, from, to, ...rest }) => ({ ...rest, from: from.toISOString(), to: to.toISOString() }))
}

/** Who added and who deleted which Yjs ids of a document since a moment, and who owns each client id. */
export class Authorship {
  private constructor(
    private readonly owners: Map<number, ClientAuthor>,
    private readonly inserted: Map<number, Span[]>,
    private readonly deleted: Map<number, Span[]>,
    private readonly names: Map<string, string>,
  ) {}

  /** Reads the owners of the document's client ids and every edit row that ended at or after `since`. */
  static async load(db: Db, docName: string, since: Date): Promise<Authorship> {
    const owners = new Map((await clientAuthors(db, docName)).map((owner) => [owner.clientId, owner]))
    const names = new Map<string, string>()
    const inserted = new Map<number, Span[]>()
    const deleted = new Map<number, Span[]>()
    const add = (index: Map<number, Span[]>, span: Span) => {
      const list = index.get(span.client)
      if (list) list.push(span)
      else index.set(span.client, [span])
    }
    const rows = await db
      .select({ row: docEdits, userName: users.displayName })
      .from(docEdits)
      .leftJoin(users, eq(users.id, docEdits.userId))
      .where(and(eq(docEdits.docName, docName), gte(docEdits.lastAt, since)))
    for (const { row, userName } of rows) {
      if (userName) names.set(row.userId, userName)
      const person = { userId: row.userId, departmentId: row.departmentId, at: row.lastAt }
      for (const [client, from, to] of row.inserted) add(inserted, { client, from, to, ...person })
      for (const [client, clock, length] of row.deleted) add(deleted, { client, from: clock, to: clock + length, ...person })
    }
    return new Authorship(owners, inserted, deleted, names)
  }

  /** Who added the ids [clock, clock + length) of `client`: its owner, at the last time one of them was added. */
  addedBy(client: number, clock: number, length: number): Stamp | undefined {
    const owner = this.owners.get(client)
    if (!owner) return undefined
    const at = latest(overlapping(this.inserted.get(client), clock, clock + length).map((span) => span.at))
    return { userId: owner.userId, userName: owner.userName, departmentId: owner.departmentId, at }
  }

  /** Who deleted (some of) the ids [clock, clock + length) of `client`, each with when. */
  deletedBy(client: number, clock: number, length: number): Stamp[] {
    return overlapping(this.deleted.get(client), clock, clock + length).map((span) => ({
      userId: span.userId,
      userName: this.names.get(span.userId) ?? null,
      departmentId: span.departmentId,
      at: span.at,
    }))
  }
}

const overlapping = (spans: Span[] | undefined, from: number, to: number): Span[] => (spans ?? []).filter((span) => span.from < to && from < span.to)

const latest = (dates: Date[]): Date | null => dates.reduce<Date | null>((max, date) => (!max || date > max ? date : max), null)

/** The people among the stamps, each once with their latest time, earliest first. */
export function distinctAuthors(stamps: Stamp[]): ChangeAuthor[] {
  const byPerson = new Map<string, Stamp>()
  for (const stamp of stamps) {
    const key = `${stamp.userId ?? ''}|${stamp.departmentId ?? ''}`
    const known = byPerson.get(key)
    if (!known || (stamp.at && (!known.at || stamp.at > known.at))) byPerson.set(key, stamp)
  }
  return [...byPerson.values()]
    .sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0))
    .map(({ userName, departmentId, at }) => ({ userName, departmentId, at: at ? at.toISOString() : null }))
}
