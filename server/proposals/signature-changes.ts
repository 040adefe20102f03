// What changed in a department's sections since it signed, and who changed it: the signed state against
// the content as stored, each change named with the people the server stamped on its Yjs items.
import { and, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../../db/client'
import { signatures } from '../../db/schema'
import type { SignatureChanges } from '../../shared/api-responses'
import { diffJson } from '../../shared/json-diff'
import { canonicalSections, type SectionName } from '../../shared/model'
import { NotFoundError } from '../domain-errors'
import { Authorship } from '../record/authorship'
import { authorsOfChanges } from '../record/change-authors'
import { roomNameOf } from '../sync/access'
import type { ProposalRooms } from '../sync/proposal-rooms'

export async function signatureChanges(deps: { db: Db; rooms: ProposalRooms }, proposalId: string, departmentId: string): Promise<SignatureChanges> {
  const { db } = deps
  const signature = (await db
    .select()
    .from(signatures)
    .where(and(eq(signatures.proposalId, proposalId), eq(signatures.departmentId, departmentId))))[0]
  if (!signature) throw new NotFoundError('no signature of this department')
  const signedDoc = new Y.Doc()
  const nowDoc = await deps.rooms.storedContent(proposalId)
  try {
    Y.applyUpdate(signedDoc, signature.signedState)
    const then = canonicalSections(signedDoc)
    const now = canonicalSections(nowDoc)
    const sections = signature.sections as SectionName[]
    const changes = sections.flatMap((section) => diffJson(then[section], now[section], section))
    // Only edits that ended after the signature can have made these changes.
    const authorship = await Authorship.load(db, roomNameOf(proposalId, 'content'), signature.signedAt)
    return {
      departmentId: signature.departmentId,
      signedAt: signature.signedAt.toISOString(),
      sections,
      changes: authorsOfChanges(changes, signedDoc, nowDoc, authorship),
    }
  } finally {
    signedDoc.destroy()
    nowDoc.destroy()
  }
}
