// Keeps each proposal's record room in step with SQL, and its status in step with its content:
// a signature turns outdated the moment a signed section changes, for everyone at once.
import { eq } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../../db/client'
import { proposalDepartments, proposals, signatures } from '../../db/schema'
import { contentHash, readHeader, sectionsHash, type SectionName } from '../../shared/model'
import type { ProposalStatus } from '../../shared/proposal'
import type { Logger } from '../log'
import { parseRoomName, roomNameOf } from '../sync/access'
import type { Room } from '../sync/room'
import type { RoomRegistry } from '../sync/rooms'
import { appendAudit } from './audit'
import { projectRecord, writeRecord } from './projection'

/** How long content must be quiet before signatures and the list entry are brought up to date. */
const settleDelayMs = 100

export class ProposalRecords {
  constructor(
    private readonly db: Db,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
  ) {}

  /** Registry hook: a record room starts from the SQL truth; a content room is watched for changes. */
  onRoomLoaded = (room: Room): void => {
    const { proposalId, kind } = parseRoomName(room.name)
    if (kind === 'record') {
      const projection = projectRecord(this.db, proposalId)
      if (projection) writeRecord(room.doc, projection)
      return
    }
    let timer: NodeJS.Timeout | undefined
    const settle = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        try {
          this.updateSummary(proposalId, room.doc)
          this.reconcileStatus(proposalId, room.doc)
        } catch (error) {
          this.log.error('updating after a content change failed', { proposal: proposalId, error })
        }
      }, settleDelayMs)
    }
    room.watch(settle, () => clearTimeout(timer))
  }

  /** Keeps the list entry (title, number, last change) in step with the document. */
  updateSummary(proposalId: string, doc: Y.Doc): void {
    const { title, number } = readHeader(doc)
    this.db
      .update(proposals)
      .set({ title: title.slice(0, 300) || '(ohne Titel)', number, updatedAt: new Date() })
      .where(eq(proposals.id, proposalId))
      .run()
  }

  /** Pushes the SQL truth into the record room, if anyone has it open. */
  publish(proposalId: string): void {
    const room = this.rooms.get(roomNameOf(proposalId, 'record'))
    const projection = room && projectRecord(this.db, proposalId)
    if (room && projection) writeRecord(room.doc, projection)
  }

  /** The content room, with every accepted update stored: what the server signs and hashes. */
  async storedContent(proposalId: string): Promise<Y.Doc> {
    const room = await this.rooms.open(roomNameOf(proposalId, 'content'))
    await room.flush()
    return room.doc
  }

  /** Whether each involved department has a signature that still matches its sections. */
  signatureStates(proposalId: string, doc: Y.Doc): { departmentId: string; current: boolean }[] {
    const involved = this.db.select().from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId)).all()
    const signed = new Map(
      this.db.select().from(signatures).where(eq(signatures.proposalId, proposalId)).all().map((s) => [s.departmentId, s]),
    )
    return involved.map(({ departmentId }) => {
      const signature = signed.get(departmentId)
      const current =
        signature !== undefined &&
        signature.voidedAt === null &&
        hashOrUndefined(() => sectionsHash(doc, signature.sections as SectionName[])) === signature.sectionsHash
      return { departmentId, current }
    })
  }

  /** Moves `in Mitzeichnung` ⇄ `mitgezeichnet` as signatures become current or outdated. */
  reconcileStatus(proposalId: string, doc: Y.Doc): ProposalStatus | undefined {
    const proposal = this.db.select().from(proposals).where(eq(proposals.id, proposalId)).get()
    if (!proposal || (proposal.status !== 'cosigning' && proposal.status !== 'cosigned')) return proposal?.status
    const states = this.signatureStates(proposalId, doc)
    const allCurrent = states.length > 0 && states.every((s) => s.current)
    const next: ProposalStatus = allCurrent ? 'cosigned' : 'cosigning'
    if (next !== proposal.status) {
      this.db.transaction((tx) => {
        tx.update(proposals).set({ status: next, updatedAt: new Date() }).where(eq(proposals.id, proposalId)).run()
        appendAudit(tx, {
          proposalId,
          user: undefined,
          action: next === 'cosigned' ? 'status: all signatures current' : 'status: a signature is outdated',
          detail: { from: proposal.status, to: next, outdated: states.filter((s) => !s.current).map((s) => s.departmentId) },
          contentHash: hashOrUndefined(() => contentHash(doc)) ?? 'unreadable',
        })
      })
      this.publish(proposalId)
    }
    return next
  }
}

/** A hash, or undefined when the content cannot be read: a signature then counts as outdated (fail closed). */
function hashOrUndefined(hash: () => string): string | undefined {
  try {
    return hash()
  } catch {
    return undefined
  }
}
