// Cost of the content guard per update: a keystroke in the Begründung, and a 1 MB paste (500 paragraphs).
// Run: npx tsx bench/update-guard.ts
import * as Y from 'yjs'
import { templateUpdate } from '../shared/demo'
import { bodyFragment, titleText } from '../shared/model'
import { createContentGuard } from '../server/sync/update-guard'

function measure(label: string, update: Uint8Array, server: Y.Doc, runs: number): void {
  const guard = createContentGuard()
  if (guard(server, update)) throw new Error(`${label}: refused`)
  const started = performance.now()
  for (let i = 0; i < runs; i++) guard(server, update)
  const micros = ((performance.now() - started) * 1000) / runs
  console.log(`${label}: ${update.length} bytes, ${micros.toFixed(1)} µs per check`)
  // The next update builds on this one, as on a live server.
  Y.applyUpdate(server, update)
}

const server = new Y.Doc()
Y.applyUpdate(server, templateUpdate('pakt-949-2019'))
const client = new Y.Doc()
Y.applyUpdate(client, Y.encodeStateAsUpdate(server))

const paragraph = bodyFragment(client).get(1) as Y.XmlElement
const text = paragraph.toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText
let before = Y.encodeStateVector(client)
text.insert(3, 'a')
measure('keystroke in the Begründung', Y.encodeStateAsUpdate(client, before), server, 20_000)

before = Y.encodeStateVector(client)
titleText(client).insert(0, 'b')
measure('keystroke in the title', Y.encodeStateAsUpdate(client, before), server, 20_000)

before = Y.encodeStateVector(client)
client.transact(() => {
  const paragraphs: Y.XmlElement[] = []
  for (let i = 0; i < 500; i++) {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(`${i} `.padEnd(2_000, 'Lorem ipsum dolor sit amet '))])
    paragraphs.push(p)
  }
  bodyFragment(client).insert(bodyFragment(client).length, paragraphs)
})
measure('1 MB paste into the Begründung (500 paragraphs)', Y.encodeStateAsUpdate(client, before), server, 50)
