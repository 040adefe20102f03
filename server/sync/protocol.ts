// The y-websocket wire protocol in one place: every frame a client sends is decoded here into a
// typed message (or refused with a reason), and every frame the server sends is encoded here.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MessageType, SyncStep } from '../../shared/sync-protocol'

export { CloseCode, MessageType, SyncStep } from '../../shared/sync-protocol'

/** One client's presence in an awareness update: its state is free JSON, null when it left. */
export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null }

export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array; roots: Set<string>; decoded: DecodedUpdate }
  | { type: 'update'; update: Uint8Array; roots: Set<string>; decoded: DecodedUpdate }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }

export class ProtocolError extends Error {}

/** Entries in one awareness message at most: the stock client echoes a whole room's presence, never 40 000. */
export const maxAwarenessEntries = 512
/** One presence state's JSON at most; the app's (user and cursor) is a few hundred bytes. */
export const maxAwarenessStateBytes = 8 * 1024

/** Decodes one client frame; throws ProtocolError naming what is wrong with it. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const messageType = decoding.readVarUint(decoder)
    let message: ClientMessage
    switch (messageType) {
      case MessageType.sync:
        message = decodeSyncMessage(decoder)
        break
      case MessageType.awareness:
        message = { type: 'awareness', entries: decodeAwarenessEntries(decoding.readVarUint8Array(decoder)) }
        break
      case MessageType.queryAwareness:
        message = { type: 'query-awareness' }
        break
      default:
        throw new ProtocolError(`unknown message type ${messageType}`)
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message')
    return message
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(`malformed message: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function decodeSyncMessage(decoder: decoding.Decoder): ClientMessage {
  const step = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  switch (step) {
    case SyncStep.step1:
      validateStateVector(payload)
      return { type: 'sync-step-1', stateVector: payload }
    case SyncStep.step2:
      return { type: 'sync-step-2', ...decodedPayload(payload) }
    case SyncStep.update:
      return { type: 'update', ...decodedPayload(payload) }
    default:
      throw new ProtocolError(`unknown sync step ${step}`)
  }
}

function validateStateVector(bytes: Uint8Array): void {
  const decoder = decoding.createDecoder(bytes)
  const entries = decoding.readVarUint(decoder)
  for (let i = 0; i < entries; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the state vector')
}

/** An update's structs and deletions as Yjs decodes them: the guard checks these, so each update is decoded once. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/**
 * Reads the whole update without touching any document, so a broken one never half-applies, and
 * names the top-level types it creates content in (items inside existing content name no root).
 */
function decodedPayload(update: Uint8Array): { update: Uint8Array; roots: Set<string>; decoded: DecodedUpdate } {
  const decoded = Y.decodeUpdate(update)
  const roots = new Set<string>()
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && typeof struct.parent === 'string') roots.add(struct.parent)
  }
  return { update, roots, decoded }
}

function decodeAwarenessEntries(bytes: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  if (count > maxAwarenessEntries) throw new ProtocolError(`awareness update with ${count} entries, at most ${maxAwarenessEntries}`)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    if (json.length > maxAwarenessStateBytes) throw new ProtocolError(`awareness state over ${maxAwarenessStateBytes} bytes`)
    const state: unknown = JSON.parse(json)
    // y-protocols sends null for a client that left; anything else must be an object.
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new ProtocolError('awareness state must be an object')
    entries.push({ clientId, clock, state: state as AwarenessEntry['state'] })
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the awareness update')
  return entries
}

/** The awareness update payload (as y-protocols encodes it) of the given entries. */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncStep1OfStateVector = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncStep.step1)
    encoding.writeVarUint8Array(e, stateVector)
  })

export const encodeSyncStep1 = (doc: Y.Doc) => encodeSyncStep1OfStateVector(Y.encodeStateVector(doc))

export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncStep.step2)
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector))
  })

/** Sync step 2 carrying an update that is already encoded: the whole document, for a client that has nothing. */
export const encodeSyncStep2OfUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncStep.step2)
    encoding.writeVarUint8Array(e, update)
  })

/** Whether a state vector names no client at all: its sender has nothing of the document yet. */
export const isEmptyStateVector = (stateVector: Uint8Array) => stateVector.length === 1 && stateVector[0] === 0

export const encodeUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncStep.update)
    encoding.writeVarUint8Array(e, update)
  })

/** y-protocols auth message: tells a client why its updates are not applied. */
export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.auth)
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, reason)
  })

export const encodeAwareness = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  })
