// A large sync answer split into bounded updates gives a client exactly the document.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { splitUpdate } from '../../server/sync/split-update'

function documentOfSeveralClients(): Y.Doc {
  const doc = new Y.Doc()
  const other = new Y.Doc()
  // Long text with surrogate pairs around every cut, a map, a rich-text fragment and deletions.
  other.getText('title').insert(0, '😀'.repeat(40_000) + 'ä'.repeat(30_000))
  other.getMap('meta').set('number', '949/2019')
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Absatz '.repeat(20_000))])
  doc.getXmlFragment('body').insert(0, [paragraph])
  doc.getText('title').delete(10, 5_000)
  doc.getText('notes').insert(0, 'x'.repeat(100_000))
  doc.getText('notes').delete(50_000, 10)
  other.destroy()
  return doc
}

describe('splitting a sync answer', () => {
  it('gives every chunk at most the bound and, applied in order, the same document', () => {
    const doc = documentOfSeveralClients()
    const whole = Y.encodeStateAsUpdate(doc)
    const limit = 32 * 1024
    const chunks = splitUpdate(whole, limit)
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(limit)
    const client = new Y.Doc()
    for (const chunk of chunks) Y.applyUpdate(client, chunk)
    expect(client.getText('title').toString()).toBe(doc.getText('title').toString())
    expect(client.getText('notes').toString()).toBe(doc.getText('notes').toString())
    expect(client.getXmlFragment('body').toString()).toBe(doc.getXmlFragment('body').toString())
    expect(client.getMap('meta').toJSON()).toEqual(doc.getMap('meta').toJSON())
    expect(Y.encodeStateVector(client)).toEqual(Y.encodeStateVector(doc))
    expect(client.store.pendingStructs).toBeNull()
  })

  it('leaves an update under the bound as it is', () => {
    const doc = new Y.Doc()
    doc.getText('title').insert(0, 'kurz')
    const update = Y.encodeStateAsUpdate(doc)
    expect(splitUpdate(update, 1024)).toEqual([update])
  })
})
