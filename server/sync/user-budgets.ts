// Limits shared by every connection of one user: a user opening more sockets gets no more messages
// per second and no more bytes of changes per second than with one.
import { TokenBucket } from './rate-limit'

export type UserBudgetLimits = {
  messagesPerSecond: number
  messageBurst: number
  bytesPerSecond: number
  byteBurst: number
}

type Budget = { connections: number; messages: TokenBucket; bytes: TokenBucket }

export class UserBudgets {
  private readonly budgets = new Map<string, Budget>()

  constructor(private readonly limits: UserBudgetLimits) {}

  /** The user's budget, kept while any of their connections is open. Call `release` when one closes. */
  acquire(userId: string): { takeMessage(): boolean; takeBytes(bytes: number): boolean } {
    this.forgetRefilled()
    let budget = this.budgets.get(userId)
    if (!budget) {
      const { messagesPerSecond, messageBurst, bytesPerSecond, byteBurst } = this.limits
      budget = {
        connections: 0,
        messages: new TokenBucket(messagesPerSecond, messageBurst),
        bytes: new TokenBucket(bytesPerSecond, byteBurst),
      }
      this.budgets.set(userId, budget)
    }
    budget.connections++
    const held = budget
    return { takeMessage: () => held.messages.take(), takeBytes: (bytes) => held.bytes.take(bytes) }
  }

  release(userId: string): void {
    const budget = this.budgets.get(userId)
    if (budget) budget.connections--
  }

  /** Kept past the last connection until refilled: reconnecting must not reset a spent budget. */
  private forgetRefilled(): void {
    for (const [userId, budget] of this.budgets) {
      if (budget.connections <= 0 && budget.messages.isFull() && budget.bytes.isFull()) this.budgets.delete(userId)
    }
  }
}
