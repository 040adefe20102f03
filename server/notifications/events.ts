// What the co-signing round tells the people concerned, after each change has committed.
import type { SessionUser } from '../../shared/identity'

export type Actor = Pick<SessionUser, 'id' | 'displayName'>

export type RoundEvent =
  /** Departments were asked to co-sign: the round started, restarted (reopen), or they were added to it. */
  | { kind: 'round-started'; proposalId: string; departmentIds: string[]; actor: Actor }
  /** Signed sections changed after the signature: the departments must look again. */
  | { kind: 'signature-outdated'; proposalId: string; departmentIds: string[] }
  | { kind: 'deadline-soon' | 'deadline-passed'; proposalId: string; departmentId: string; due: string }
  /** A new thread or a reply: mentioned departments and people, and (for a reply) those who wrote in the thread. */
  | {
      kind: 'comment'
      proposalId: string
      threadId: string
      isReply: boolean
      mentionedDepartmentIds: string[]
      mentionedUserIds: string[]
      actor: Actor
      text: string
    }
  | { kind: 'released'; proposalId: string; actor: Actor }

/** Where the domain services report what happened; the notifier (notifier.ts) is the one implementation. */
export interface RoundEvents {
  /** Something of the proposal's record changed: the open inboxes that may show it refresh. */
  recordChanged(proposalId: string): void
  /** Notifies the people concerned (in the app, and in their next digest) and refreshes their inboxes. */
  emit(event: RoundEvent): void
}
