// Cold open: a proposal with a long edit history, opened by a fresh client. Measures the time until
// the client is synced and the bytes of the server's sync answer (sync step 2), against the size of
// the compacted state the client ends up with.
import * as Y from 'yjs'
import { initialProposalUpdate } from '../shared/proposal-doc'
import type { Target } from './servers'
import { allSynced, connect, destroyClient, type Client } from './workload'
import { newBodyParagraph } from '../test/helpers/clients'
import { seededRandom } from './measure'

export type HistoryResult = { updates: number; buildSeconds: number; chars: number }
export type ColdOpenResult = {
  /** From creating the provider to: the socket open, the server's first message, the client synced. */
  openMs: number
  firstMessageMs: number
  syncMs: number
  step2Bytes: number
  stateBytes: number
  chars: number
}

type Seen = { bytes: number; frames: number; openedAt: number; firstMessageAt: number }


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the socket has sent what it buffered, so the writer does not outrun the server. */
async function drained(client: Client): Promise<void> {
  for (let i = 0; i < 2000 && (client.provider.ws?.bufferedAmount ?? 0) > 64 * 1024; i++) await sleep(2)
}

/** Paragraphs the history is spread over: the model holds a text block to 10 000 characters. */
export const historyParagraphs = 8

/** One seeded edit of a person: mostly an insert of 1–4 characters, sometimes a short deletion, in one of `texts`. */
export function seededEdit(texts: Y.XmlText[], next: () => number): void {
  const text = texts[Math.floor(next() * texts.length)]!
  const length = text.length
  if (length > 20 && next() < 0.15) {
    text.delete(Math.floor(next() * (length - 3)), 1 + Math.floor(next() * 3))
  } else {
    const from = Math.floor(next() * 26)
    text.insert(Math.floor(next() * (length + 1)), 'abcdefghijklmnopqrstuvwxyz abc'.slice(from, from + 1 + Math.floor(next() * 4)))
  }
}

/**
 * Builds the history through the server: one writer, `updates` small edits at seeded positions of
 * the Begründung's paragraphs, one update each, then waits until a second client holds everything
 * — on our server that means every update is stored.
 */
export async function buildHistory(target: Target, room: string, updates: number): Promise<HistoryResult> {
  const doc = new Y.Doc()
  // The reference starts empty; give it the blank proposal our server creates, so the docs match.
  if (target.name === 'reference') Y.applyUpdate(doc, initialProposalUpdate('Cold open'))
  const writer = connect(target, room, doc)
  let observer: Client | undefined
  const started = performance.now()
  try {
    await allSynced([writer], 30_000)
    const next = seededRandom(949)
    const texts = Array.from({ length: historyParagraphs }, () => newBodyParagraph(writer.doc))
    for (let i = 0; i < updates; i++) {
      seededEdit(texts, next)
      if (i % 200 === 199) await drained(writer)
    }
    observer = connect(target, room)
    await allSynced([observer], 120_000)
    const want = Y.encodeStateVector(writer.doc).toString()
    for (let i = 0; i < 60_000 && Y.encodeStateVector(observer.doc).toString() !== want; i++) await sleep(2)
    if (observer.content() !== writer.content()) throw new Error(`${target.name}: the history did not arrive`)
    return { updates, buildSeconds: (performance.now() - started) / 1000, chars: writer.content().length }
  } finally {
    destroyClient(writer)
    if (observer) destroyClient(observer)
    await sleep(200)
  }
}

/** A WebSocket class that counts the bytes of every sync step 2 frame the server sends. */
function countingStep2(target: Target, seen: Seen) {
  const Base = target.WebSocket
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('open', () => (seen.openedAt ||= performance.now()))
      this.addEventListener('message', (event) => {
        seen.firstMessageAt ||= performance.now()
        const data = event.data
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : Buffer.isBuffer(data) ? data : undefined
        // messageSync (0), then messageYjsSyncStep2 (1).
        if (bytes && bytes[0] === 0 && bytes[1] === 1) {
          seen.bytes += bytes.byteLength
          seen.frames++
        }
      })
    }
  }
}

/** Opens the room with a fresh client and measures the time until it is synced. */
async function openOnce(target: Target, room: string): Promise<{ client: Client; result: ColdOpenResult }> {
  const seen: Seen = { bytes: 0, frames: 0, openedAt: 0, firstMessageAt: 0 }
  const started = performance.now()
  const client = connect(target, room, new Y.Doc(), countingStep2(target, seen))
  try {
    await allSynced([client], 60_000)
  } catch (error) {
    destroyClient(client)
    throw error
  }
  const syncMs = performance.now() - started
  if (seen.frames !== 1) throw new Error(`${target.name}: expected one sync step 2, saw ${seen.frames}`)
  const result = {
    openMs: seen.openedAt - started,
    firstMessageMs: seen.firstMessageAt - started,
    syncMs,
    step2Bytes: seen.bytes,
    stateBytes: Y.encodeStateAsUpdate(client.doc).byteLength,
    chars: client.content().length,
  }
  return { client, result }
}

/**
 * The first open of the room (cold on our server after a restart), then, while that client stays,
 * a second one: warm on both servers, the document already in memory.
 */
export async function openColdThenWarm(target: Target, room: string): Promise<{ cold: ColdOpenResult; warm: ColdOpenResult }> {
  const first = await openOnce(target, room)
  try {
    const second = await openOnce(target, room)
    destroyClient(second.client)
    return { cold: first.result, warm: second.result }
  } finally {
    destroyClient(first.client)
    await sleep(100)
  }
}

/**
 * A cold document in a process that has already served: one small proposal is opened and closed
 * first, so the open of `room` pays for reading the document, not for the process's first request.
 */
export async function openAfterWarmUp(target: Target, warmUpRoom: string, room: string): Promise<ColdOpenResult> {
  const warmUp = await openOnce(target, warmUpRoom)
  destroyClient(warmUp.client)
  const { client, result } = await openOnce(target, room)
  destroyClient(client)
  await sleep(100)
  return result
}
