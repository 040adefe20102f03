// A proposal stored in layout 1 (free text as plain strings, years as an array) is migrated by the
// server once as its room loads: same content and hash, Y.Text fields that merge concurrent typing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  collectionMap,
  financeMap,
  financeYears,
  getPosition,
  headerMap,
  metaMap,
  readHeader,
  readSchemaVersion,
  schemaVersion,
  updatePosition,
} from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import { connectSynced, createProposal, signIn } from '../helpers/clients'
import { readStoredDoc } from '../helpers/database'
import { writePosition, writeStoredDoc } from '../helpers/stored-content'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

describe('layout migration on load', () => {
  let server: TestServer
  let cookie: string
  let proposalId: string
  let hashBefore: string
  let logBefore: number

  beforeAll(async () => {
    server = await startTestServer()
    cookie = await signIn(server.url, 'sozialamt.editor')
    proposalId = (await createProposal(server.url, cookie, 'Alte Vorlage')).id
    await server.stop()
    // Rewrite the stored proposal as layout 1 wrote it.
    writeStoredDoc(server.dataDir, proposalId, (doc) => {
      headerMap(doc).set('referat', 'Referat Soziales und gesellschaftliche Integration')
      headerMap(doc).set('gz', 'SI')
      financeMap(doc).set('years', [2022, 2023])
      writePosition(doc, { function: 'Sachbearbeitung (pAp)', note: 'befristet' })
      metaMap(doc).set('schemaVersion', 1)
    })
    const stored = readStoredDoc(server.dataDir, proposalId)
    hashBefore = contentHash(stored.doc)
    logBefore = stored.logLength
    expect(readSchemaVersion(stored.doc)).toBe(1)
    stored.doc.destroy()
    await server.restart()
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('reads the same content with the same hash, with Y.Text fields and a years map, stored as one update', async () => {
    const client = await connectSynced(server.wsUrl, proposalId, cookie)
    try {
      const doc = client.doc
      expect(readSchemaVersion(doc)).toBe(schemaVersion)
      expect(contentHash(doc)).toBe(hashBefore)
      expect(headerMap(doc).get('referat')).toBeInstanceOf(Y.Text)
      expect(readHeader(doc)).toMatchObject({ referat: 'Referat Soziales und gesellschaftliche Integration', gz: 'SI' })
      expect(financeMap(doc).get('years')).toBeInstanceOf(Y.Map)
      expect(financeYears(doc)).toEqual([2022, 2023])
      const [id, item] = [...collectionMap(doc, 'positions').entries()][0]! as [string, Y.Map<unknown>]
      expect(item.get('function')).toBeInstanceOf(Y.Text)
      expect(getPosition(doc, id)).toMatchObject({ function: 'Sachbearbeitung (pAp)', note: 'befristet' })
      await waitFor(() => readStoredDoc(server.dataDir, proposalId).logLength === logBefore + 1, { what: 'the migration stored as one update' })
    } finally {
      client.destroy()
    }
  })

  it('migrates once: a second load writes nothing', async () => {
    const stateOf = () => {
      const { doc } = readStoredDoc(server.dataDir, proposalId)
      const vector = Y.encodeStateVector(doc)
      doc.destroy()
      return vector
    }
    await server.stop()
    const afterFirst = stateOf()
    await server.restart()
    const client = await connectSynced(server.wsUrl, proposalId, cookie)
    client.destroy()
    await server.stop()
    const afterSecond = stateOf()
    await server.restart()
    expect(afterSecond).toEqual(afterFirst)
  })

  it('two people appending to the migrated Funktion at once both keep their text, in order', async () => {
    const [a, b] = [await connectSynced(server.wsUrl, proposalId, cookie), await connectSynced(server.wsUrl, proposalId, cookie)]
    try {
      const id = [...collectionMap(a.doc, 'positions').keys()][0]!
      const base = getPosition(a.doc, id).function
      // Both type letter by letter at the end, neither waiting for the other: a in lower case, b in upper case.
      for (const [x, y] of [...'zusatz'].map((c, i) => [c, 'EXTRA'[i] ?? ''])) {
        updatePosition(a.doc, id, { function: getPosition(a.doc, id).function + x })
        if (y) updatePosition(b.doc, id, { function: getPosition(b.doc, id).function + y })
      }
      const same = () => getPosition(a.doc, id).function === getPosition(b.doc, id).function
      await waitFor(() => same() && getPosition(a.doc, id).function.length === base.length + 11, { what: 'both texts merged' })
      const merged = getPosition(a.doc, id).function
      expect(merged.startsWith(base)).toBe(true)
      const added = merged.slice(base.length)
      expect(added.replace(/[^a-z]/g, '')).toBe('zusatz')
      expect(added.replace(/[^A-Z]/g, '')).toBe('EXTRA')
    } finally {
      a.destroy()
      b.destroy()
    }
  })
})
