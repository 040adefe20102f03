// What a room knows of one connected client: how to reach it and what it may do.

export type PeerIdentity = { id: string; name: string; department: string }

export interface Peer {
  /** Short id for logs. */
  readonly id: string
  /** Whether the room applies this client's document updates. */
  readonly canWrite: boolean
  /** Writes only suggestions: any other change is refused as a viewer's is. */
  readonly suggestOnly: boolean
  /** The signed-in user and session behind the connection, for re-checking rights. */
  readonly userId: string
  readonly sessionKey: string
  /** Who the server knows the client to be: stamped over whatever it claims in its presence. */
  readonly identity: PeerIdentity
  send(frame: Uint8Array): void
  /** Sends the frames in order, each once the client has read enough of the ones before. */
  sendPaced(frames: Uint8Array[]): Promise<void>
  close(code: number, reason: string): void
}
