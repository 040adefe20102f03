// Which of a client's updates a room applies: a viewer's are dropped (told once), an update touching a
// type clients may not write or refused by the model's guard closes its sender, one that builds on
// changes not yet sent is held until they come, and nothing is acknowledged while storage fails.
import * as Y from 'yjs'
import type { RoomMetrics } from '../metrics'
import type { ClientOwnership } from './client-owners'
import { HeldUpdates } from './held-updates'
import type { Peer } from './peer'
import { CloseCode, encodePermissionDenied, type DecodedUpdate } from './protocol'
import type { UpdateGuard } from './update-guard'

export type UpdateAdmissionOptions = {
  writableRoots?: ReadonlySet<string>
  guard?: UpdateGuard
  metrics?: RoomMetrics
  owners: ClientOwnership
  /** The room's live doc (decoded): the guard checks against it, and admitted updates land in it. */
  liveDoc(): Y.Doc
  isConnected(peer: Peer): boolean
  storeError(): Error | undefined
}

export class UpdateAdmission {
  private readonly toldReadOnly = new WeakSet<Peer>()
  private readonly held = new HeldUpdates<Peer>()

  constructor(private readonly options: UpdateAdmissionOptions) {}

  /** Applies the client's update to the live doc (its origin the peer), or refuses it. */
  admit(peer: Peer, update: Uint8Array, roots: Set<string>, decoded?: DecodedUpdate): void {
    // A client's answer to our sync request is usually empty: nothing to apply, no reason to decode a snapshot.
    if (isEmptyUpdate(update)) return
    if (!peer.canWrite) {
      if (update.length > 2) this.refuseAsReadOnly(peer, 'read-only')
      return
    }
    const { writableRoots, metrics, owners } = this.options
    for (const root of roots) {
      if (writableRoots && !writableRoots.has(root)) {
        metrics?.updateRefused('forbidden-type')
        peer.close(CloseCode.forbidden, `clients may not write "${root.slice(0, 40)}"`)
        return
      }
    }
    const writer = { userId: peer.userId, departmentId: peer.identity.department, name: peer.identity.name, suggestOnly: peer.suggestOnly }
    const refusal = this.options.guard?.(this.options.liveDoc(), update, (clientId) => owners.mayWrite(peer.userId, clientId), writer, decoded)
    if (refusal?.waitsForEarlierChanges && this.held.hold(peer, update)) return
    if (refusal?.readOnly) {
      // Changes a suggest-only department may not make directly are refused as a viewer's are.
      this.refuseAsReadOnly(peer, refusal.metric)
      return
    }
    if (refusal) {
      metrics?.updateRefused(refusal.metric)
      peer.close(refusal.code, refusal.reason)
      return
    }
    if (this.options.storeError()) {
      metrics?.updateRefused('storage-unavailable')
      // Refuse rather than acknowledge what cannot be stored; the client keeps its edits.
      peer.close(CloseCode.storageUnavailable, 'storage unavailable, retrying')
      return
    }
    Y.applyUpdate(this.options.liveDoc(), update, peer)
    // What this peer sent too early may be complete now.
    for (const held of this.held.take(peer)) if (this.options.isConnected(peer)) this.admit(peer, held, noRoots)
  }

  /** Forgets what the peer sent too early (it left). */
  drop(peer: Peer): void {
    this.held.drop(peer)
  }

  /** Drops the update and tells the sender once that its changes are not saved. */
  private refuseAsReadOnly(peer: Peer, metric: string): void {
    this.options.metrics?.updateRefused(metric)
    if (this.toldReadOnly.has(peer)) return
    this.toldReadOnly.add(peer)
    peer.send(encodePermissionDenied('read-only: your changes are not saved'))
  }
}

/** Held updates passed the root check when they arrived. */
const noRoots: Set<string> = new Set()

/** Yjs encodes "no structs, no deletions" as two zero bytes. */
const isEmptyUpdate = (update: Uint8Array) => update.length === 2 && update[0] === 0 && update[1] === 0
