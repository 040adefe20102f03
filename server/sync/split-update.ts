// Splits one Yjs update into several valid updates of bounded size, so that a large document
// reaches a client in frames it can accept and at a pace it reads, instead of in one huge frame.
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

type Struct = Y.Item | Y.GC | Y.Skip

/** Room for a struct's header (info, client, clock, origins, parent name) beside its content. */
const structOverhead = 256

/**
 * Updates that, applied in order, give what `update` gives; each is at most `maxBytes` unless one
 * struct that cannot be cut (binary content, an embedded object) is larger on its own.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.length <= maxBytes) return [update]
  const pieces = Y.decodeUpdate(update).structs.flatMap((struct) => cutLongText(struct as Struct, maxBytes))
  const chunks: Uint8Array[] = []
  let chunk: Struct[] = []
  let chunkBytes = 0
  for (const piece of pieces) {
    const bytes = encodedSize(piece)
    if (chunk.length > 0 && chunkBytes + bytes > maxBytes) {
      chunks.push(encodeStructs(chunk))
      chunk = []
      chunkBytes = 0
    }
    chunk.push(piece)
    chunkBytes += bytes
  }
  if (chunk.length > 0) chunks.push(encodeStructs(chunk))
  // The deletions come last, once every struct they name has arrived: the update minus all its structs.
  chunks.push(Y.diffUpdate(update, Y.encodeStateVectorFromUpdate(update)))
  return chunks
}

/** A text item longer than a chunk, cut into items that each fit (never inside a surrogate pair). */
function cutLongText(struct: Struct, maxBytes: number): Struct[] {
  if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return [struct]
  const text = struct.content.str
  // UTF-16 units take at most 3 bytes in UTF-8.
  const maxUnits = Math.max(2, Math.floor((maxBytes - structOverhead) / 3))
  if (text.length <= maxUnits) return [struct]
  const { client, clock } = struct.id
  const pieces: Struct[] = []
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + maxUnits)
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    const origin = start === 0 ? struct.origin : Y.createID(client, clock + start - 1)
    const content = new Y.ContentString(text.slice(start, end))
    pieces.push(new Y.Item(Y.createID(client, clock + start), null, origin, null, struct.rightOrigin, struct.parent, struct.parentSub, content))
    start = end
  }
  return pieces
}

function encodedSize(struct: Struct): number {
  if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) return Buffer.byteLength(struct.content.str) + structOverhead
  const encoder = new Y.UpdateEncoderV1()
  struct.write(encoder, 0)
  return encoder.toUint8Array().length + structOverhead
}

/** A v1 update of these structs (each client's in one consecutive run) and no deletions. */
function encodeStructs(structs: Struct[]): Uint8Array {
  const runs: Struct[][] = []
  for (const struct of structs) {
    const run = runs.at(-1)
    if (run && run[0]!.id.client === struct.id.client) run.push(struct)
    else runs.push([struct])
  }
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.length)
    encoder.writeClient(run[0]!.id.client)
    encoding.writeVarUint(encoder.restEncoder, run[0]!.id.clock)
    for (const struct of run) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}
