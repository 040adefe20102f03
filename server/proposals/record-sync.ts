// Keeps each proposal's record room in step with SQL, and its status and list entry in step with its
// content as stored: a signature turns outdated the moment a change to a signed section is stored.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { proposals } from '../../db/schema'
import type * as Y from 'yjs'
import { canonicalSections, readHeader, type CanonicalSections } from '../../shared/model'
import { ProposalSchemaError } from '../../shared/model/errors'
import type { Logger } from '../log'
import type { RoundEvents } from '../notifications/events'
import { projectRecord, writeRecord } from '../record/projection'
import { parseRoomName } from '../sync/access'
import type { ProposalRooms } from '../sync/proposal-rooms'
import type { Room } from '../sync/room'
import type { RoundCalendar } from './calendar'
import { reconcileStatus } from './status'

/** How long stored content must be quiet before signatures and the list entry are brought up to date. */
const settleDelayMs = 100

/** The canonical sections, or undefined for a layout this server cannot read (its signatures then count as outdated). */
function readableSections(doc: Y.Doc): CanonicalSections | undefined {
  try {
    return canonicalSections(doc)
  } catch (error) {
    if (error instanceof ProposalSchemaError) return undefined
    throw error
  }
}

export class RecordSync {
  private readonly publishListeners: ((proposalId: string) => void)[] = []

  constructor(
    private readonly db: Db,
    private readonly rooms: ProposalRooms,
    private readonly log: Logger,
    private readonly round: { calendar: RoundCalendar; events: RoundEvents },
  ) {}

  /** Registry hook: a record room starts from the SQL truth; a content room is followed as it is stored. */
  onRoomLoaded = async (room: Room): Promise<void> => {
    const { proposalId, kind } = parseRoomName(room.name)
    if (kind === 'record') {
      const projection = await projectRecord(this.db, proposalId, this.round.calendar)
      if (projection) this.write(room, proposalId, projection)
      return
    }
    let timer: NodeJS.Timeout | undefined
    // Only stored updates count: an update that failed to store changes neither the list nor a status.
    const settle = async () => {
      clearTimeout(timer)
      timer = undefined
      await this.afterContentStored(proposalId, room)
    }
    room.onStored(() => {
      clearTimeout(timer)
      timer = setTimeout(settle, settleDelayMs)
    })
    // A room unloads right after its last store: what that store brought still reaches the list.
    room.onDestroy(async () => {
      if (timer) await settle()
    })
  }

  /** Pushes the SQL truth into the record room, if anyone has it open, and tells the inboxes and the other instances. Call after the commit. */
  async publish(proposalId: string): Promise<void> {
    const room = this.rooms.openRecordRoom(proposalId)
    const projection = room && (await projectRecord(this.db, proposalId, this.round.calendar))
    if (room && projection) this.write(room, proposalId, projection)
    this.round.events.recordChanged(proposalId)
    for (const listener of this.publishListeners) listener(proposalId)
  }

  /** Calls `listener` after every publish of this instance. */
  onPublished(listener: (proposalId: string) => void): void {
    this.publishListeners.push(listener)
  }

  /**
   * Another instance changed the proposal's SQL facts: the record room here, if open, first reads what that
   * instance stored, then projects SQL (writing only what still differs).
   */
  async refresh(proposalId: string): Promise<void> {
    const room = this.rooms.openRecordRoom(proposalId)
    if (!room) return
    await room.catchUp('read')
    const projection = await projectRecord(this.db, proposalId, this.round.calendar)
    if (projection) this.write(room, proposalId, projection)
  }

  private write(room: Room, proposalId: string, projection: NonNullable<Awaited<ReturnType<typeof projectRecord>>>): void {
    // Stored and broadcast by the room; a failed store is retried there and shows in /api/health.
    room.transact((doc) => writeRecord(doc, projection)).catch((error) => this.log.warn('storing the record failed', { proposal: proposalId, error }))
  }

  /** The list entry (title, number, last change) and the status, in one transaction, from one canonical read. */
  private async afterContentStored(proposalId: string, room: Room): Promise<void> {
    // The live doc holds more than is stored: wait for the store event that covers it (or never, if it fails).
    if (room.hasUnstoredUpdates) return
    const doc = room.snapshot()
    try {
      const { title, number } = readHeader(doc)
      const sections = readableSections(doc)
      const { changed, newlyOutdated } = await transaction(this.db, async (tx) => {
        await tx.update(proposals)
          .set({ title: title.slice(0, 300) || '(ohne Titel)', number, updatedAt: new Date() })
          .where(eq(proposals.id, proposalId))
        return await reconcileStatus(tx, proposalId, sections, this.round.calendar.now())
      })
      if (changed) await this.publish(proposalId)
      if (newlyOutdated.length > 0) this.round.events.emit({ kind: 'signature-outdated', proposalId, departmentIds: newlyOutdated })
    } catch (error) {
      this.log.error('updating after a content change failed', { proposal: proposalId, error })
    } finally {
      doc.destroy()
    }
  }
}
