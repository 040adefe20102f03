// The open per-person channels (server-sent events on GET /api/me/events): who to tell that their inbox
// or notifications changed. Signals are coalesced per channel, so a burst of changes is one refresh.
export type LiveChannel = {
  userId: string
  departmentId: string
  sessionKey: string
  /** Something this person may see changed: refresh. */
  changed(): void
  /** The session ended or the server stops: end the stream. */
  close(): void
}

const coalesceMs = 30

export type SignalTarget = { userIds: string[]; departmentIds: string[] }

export class LiveHub {
  private readonly channels = new Set<LiveChannel>()
  private readonly due = new Set<LiveChannel>()
  private timer: NodeJS.Timeout | undefined
  private readonly signalListeners: ((target: SignalTarget) => void)[] = []

  add(channel: LiveChannel): () => void {
    this.channels.add(channel)
    return () => {
      this.channels.delete(channel)
      this.due.delete(channel)
    }
  }

  get size(): number {
    return this.channels.size
  }

  /** Tells the channels of these people and of the people of these departments, here and (through the listeners) elsewhere. */
  signal(target: { userIds?: Iterable<string>; departmentIds?: Iterable<string> }): void {
    const userIds = new Set(target.userIds ?? [])
    const departmentIds = new Set(target.departmentIds ?? [])
    this.signalHere({ userIds: [...userIds], departmentIds: [...departmentIds] })
    for (const listener of this.signalListeners) listener({ userIds: [...userIds], departmentIds: [...departmentIds] })
  }

  /** Calls `listener` with every signal given on this instance (the other instances' channels need it too). */
  onSignal(listener: (target: SignalTarget) => void): void {
    this.signalListeners.push(listener)
  }

  /** Tells only this instance's channels (a signal another instance gave). */
  signalHere(target: SignalTarget): void {
    const userIds = new Set(target.userIds)
    const departmentIds = new Set(target.departmentIds)
    for (const channel of this.channels) {
      if (userIds.has(channel.userId) || departmentIds.has(channel.departmentId)) this.due.add(channel)
    }
    if (this.due.size > 0) this.timer ??= setTimeout(() => this.flush(), coalesceMs)
  }

  private flush(): void {
    this.timer = undefined
    const due = [...this.due]
    this.due.clear()
    for (const channel of due) channel.changed()
  }

  closeWhere(predicate: (channel: LiveChannel) => boolean): void {
    for (const channel of [...this.channels]) if (predicate(channel)) channel.close()
  }

  closeAll(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.closeWhere(() => true)
  }
}
