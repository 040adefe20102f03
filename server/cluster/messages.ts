// The one codec of what instances tell each other over Redis: JSON envelopes, checked with zod on
// arrival (binary Yjs and awareness updates travel as base64).
import { z } from 'zod'

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
  .transform((text): Uint8Array => new Uint8Array(Buffer.from(text, 'base64')))
const seq = z.number().int().min(0)
const author = z.object({ userId: z.string(), departmentId: z.string() }).nullable()
const ids = z.array(z.string()).max(100_000)

const messageSchema = z.discriminatedUnion('kind', [
  /** A batch of updates this instance stored for a room, at (prevSeq, seq] of its document's log. */
  z.object({ kind: z.literal('stored'), room: z.string(), seq, prevSeq: seq, entries: z.array(z.object({ update: base64, author })) }),
  /** Presence of this instance's clients in a room, stamped here. */
  z.object({ kind: z.literal('presence'), room: z.string(), update: base64 }),
  /** A proposal's SQL facts changed (status, signatures, comments, deadlines): re-project its record. */
  z.object({ kind: z.literal('record-changed'), proposalId: z.string() }),
  /** A session ended (sign-out): close its sockets and channels. */
  z.object({ kind: z.literal('session-ended'), sessionKey: z.string() }),
  /** A user's role, department, password or account changed: recheck their sockets. */
  z.object({ kind: z.literal('user-changed'), userId: z.string() }),
  /** A proposal's rights changed (involvement, release, reopen): recheck its sockets. */
  z.object({ kind: z.literal('proposal-rights-changed'), proposalId: z.string() }),
  /** Inboxes of these people and departments changed: their open apps refresh. */
  z.object({ kind: z.literal('inbox-changed'), userIds: ids, departmentIds: ids }),
])

const envelopeSchema = z.object({ from: z.string(), sentAt: z.number(), message: messageSchema })

export type ClusterMessage = z.output<typeof messageSchema>
export type Envelope = z.output<typeof envelopeSchema>

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

export function encodeEnvelope(from: string, message: ClusterMessage, sentAt = Date.now()): string {
  const wire =
    message.kind === 'stored'
      ? { ...message, entries: message.entries.map(({ update, author }) => ({ update: toBase64(update), author })) }
      : message.kind === 'presence'
        ? { ...message, update: toBase64(message.update) }
        : message
  return JSON.stringify({ from, sentAt, message: wire })
}

/** The envelope, or an Error saying why the text is not one. */
export function decodeEnvelope(text: string): Envelope | Error {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return error as Error
  }
  const parsed = envelopeSchema.safeParse(json)
  return parsed.success ? parsed.data : new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '))
}
