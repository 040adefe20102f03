// The codec and the update guard share one decode of each received update: the guard's verdict on an
// update the codec decoded first is the verdict on the same bytes decoded afresh, also for refused,
// mutated and malformed updates, and checking an update twice gives the same verdict twice.
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { templateUpdate } from '../../shared/demo'
import { bodyFragment, titleText } from '../../shared/model'
import { decodeClientMessage, ProtocolError } from '../../server/sync/protocol'
import { createContentGuard } from '../../server/sync/update-guard'

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

const server = new Y.Doc()
Y.applyUpdate(server, templateUpdate('pakt-949-2019'))

/** One client edit of the template as an update: allowed writes, forbidden ones and oversized ones. */
function editUpdate(kind: number, text: string, at: number): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const before = Y.encodeStateVector(client)
  const title = titleText(client)
  switch (kind % 6) {
    case 0:
      title.insert(Math.min(at, title.length), text)
      break
    case 1:
      title.delete(0, Math.min(at, title.length))
      break
    case 2:
      client.getMap('header').set('number', text)
      break
    case 3:
      client.getText('not-a-root').insert(0, text)
      break
    case 4: {
      const paragraph = bodyFragment(client).get(1) as Y.XmlElement
      const node = paragraph.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
      node.insert(Math.min(at, node.length), text, at % 2 ? { bold: true } : {})
      break
    }
    default:
      bodyFragment(client).insert(0, [new Y.XmlElement(at % 2 ? 'script' : 'paragraph')])
  }
  return Y.encodeStateAsUpdate(client, before)
}

describe('one decode per received update', () => {
  it('the codec hands over its decode of the very bytes it names the roots of', () => {
    const update = editUpdate(0, 'abc', 1)
    const message = decodeClientMessage(updateFrame(update))
    if (message.type !== 'update') throw new Error('not an update')
    const fresh = Y.decodeUpdate(update)
    expect(message.decoded.structs.map((s) => [s.id.client, s.id.clock, s.length])).toEqual(fresh.structs.map((s) => [s.id.client, s.id.clock, s.length]))
    // Typing into the existing title creates no root; a new top-level type names its root.
    expect(message.roots).toEqual(new Set())
    const intruder = decodeClientMessage(updateFrame(editUpdate(3, 'x', 0)))
    expect(intruder.type === 'update' && [...intruder.roots]).toEqual(['not-a-root'])
  })

  it('the guard judges an update the codec decoded exactly as the same bytes decoded afresh, twice over', () => {
    const guard = createContentGuard()
    const seen = { malformed: 0, refused: 0, accepted: 0 }
    fc.assert(
      fc.property(
        fc.nat(11),
        fc.string({ maxLength: 12 }),
        fc.nat(30),
        fc.option(fc.tuple(fc.nat(), fc.nat(255), fc.boolean()), { nil: undefined }),
        (kind, text, at, mutation) => {
          let update = editUpdate(kind, text, at)
          if (mutation) {
            const [where, byte, truncate] = mutation
            update = truncate ? update.slice(0, where % update.length) : update.slice()
            if (!truncate) update[where % update.length] = byte
          }
          let message: ReturnType<typeof decodeClientMessage>
          try {
            message = decodeClientMessage(updateFrame(update))
          } catch (error) {
            // The codec refuses exactly what Yjs cannot decode.
            expect(error).toBeInstanceOf(ProtocolError)
            expect(() => Y.decodeUpdate(update)).toThrow()
            seen.malformed++
            return
          }
          if (message.type !== 'update') throw new Error('not an update')
          const fresh = guard(server, message.update.slice())
          expect(guard(server, message.update, undefined, undefined, message.decoded)).toEqual(fresh)
          expect(guard(server, message.update, undefined, undefined, message.decoded)).toEqual(fresh)
          if (fresh) seen.refused++
          else seen.accepted++
        },
      ),
      { numRuns: 1_500, seed: 20261201 },
    )
    // Every kind of verdict was compared, not only one.
    expect(Math.min(seen.malformed, seen.refused, seen.accepted)).toBeGreaterThan(20)
  })
})
