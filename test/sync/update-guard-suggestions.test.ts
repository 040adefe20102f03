// The guard's rules for suggestions against real Yjs updates: a suggestion names its sender exactly,
// only its author withdraws it, and a suggest-only sender writes and deletes nothing but suggestions.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { templateUpdate } from '../../shared/demo'
import { bodyFragment, newItemId, suggestionFor, suggestionsMap, titleText, type Suggester } from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import { CloseCode } from '../../server/sync/protocol'
import { createContentGuard, type UpdateWriter } from '../../server/sync/update-guard'

const jobcenter: Suggester = { authorId: 'u-jc', authorName: 'Clara Vogt', departmentId: 'jobcenter' }
const writerOf = (who: Suggester, suggestOnly: boolean): UpdateWriter => ({ userId: who.authorId, departmentId: who.departmentId, name: who.authorName, suggestOnly })

/** A server doc and a client replica whose edits pass the guard as `writer`, with client ids owned per `owns`. */
function session(writer: UpdateWriter, owns: (clientId: number) => boolean = () => true) {
  const server = new Y.Doc()
  Y.applyUpdate(server, templateUpdate('pakt-949-2019'))
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const guard = createContentGuard()
  const edit = (change: (doc: Y.Doc) => void, as = writer) => {
    const before = Y.encodeStateVector(client)
    change(client)
    const update = Y.encodeStateAsUpdate(client, before)
    const refusal = guard(server, update, owns, as)
    if (!refusal) Y.applyUpdate(server, update)
    return refusal
  }
  return { server, client, edit }
}

function firstBodyText(doc: Y.Doc): Y.XmlText {
  for (const block of bodyFragment(doc).toArray()) {
    const text = block instanceof Y.XmlElement ? block.get(0) : undefined
    if (text instanceof Y.XmlText && text.length > 0) return text
  }
  throw new Error('no text')
}

const suggestIn = (doc: Y.Doc, who: Suggester = jobcenter) =>
  suggestionsMap(doc).set(newItemId(), suggestionFor(firstBodyText(doc), { from: 0, to: 3, insert: 'Neu' }, who, { section: 'body', field: 'body' }))

describe('update guard: suggestions', () => {
  it('a suggest-only sender may add suggestions in its own name; the content hash does not move', () => {
    const { server, edit } = session(writerOf(jobcenter, true))
    const hash = contentHash(server)
    expect(edit((doc) => suggestIn(doc))).toBeUndefined()
    expect(suggestionsMap(server).size).toBe(1)
    expect(contentHash(server)).toBe(hash)
  })

  it("a suggest-only sender's content edit or deletion is refused as a viewer's (read-only, not a close)", () => {
    const { server, edit } = session(writerOf(jobcenter, true))
    const typed = edit((doc) => titleText(doc).insert(0, 'X'))
    expect(typed).toMatchObject({ readOnly: true, metric: 'suggest-only' })
    const { edit: editAgain } = session(writerOf(jobcenter, true))
    expect(editAgain((doc) => firstBodyText(doc).delete(0, 2))).toMatchObject({ readOnly: true })
    expect(titleText(server).toString()).not.toMatch(/^X/)
  })

  it('a suggestion in another name, department or display name is refused with 4403', () => {
    for (const forged of [
      { ...jobcenter, authorId: 'u-lead' },
      { ...jobcenter, departmentId: 'sozialamt' },
      { ...jobcenter, authorName: 'Sabine Krüger' },
    ]) {
      const { server, edit } = session(writerOf(jobcenter, false))
      expect(edit((doc) => suggestIn(doc, forged))).toMatchObject({ code: CloseCode.forbidden })
      expect(suggestionsMap(server).size).toBe(0)
    }
    const { edit } = session(writerOf(jobcenter, false))
    expect(edit((doc) => suggestIn(doc))).toBeUndefined()
  })

  it('a malformed suggestion is refused', () => {
    const { edit } = session(writerOf(jobcenter, false))
    expect(edit((doc) => suggestionsMap(doc).set(newItemId(), { ...jobcenter, insert: 'x' }))).toMatchObject({ code: CloseCode.malformedMessage })
  })

  it("only the author's client ids withdraw a suggestion", () => {
    let ownerOfAll = true
    const { server, edit } = session(writerOf(jobcenter, false), () => ownerOfAll)
    expect(edit((doc) => suggestIn(doc))).toBeUndefined()
    const key = [...suggestionsMap(server).keys()][0]!
    ownerOfAll = false
    expect(edit((doc) => suggestionsMap(doc).delete(key))).toMatchObject({ code: CloseCode.forbidden })
    expect(suggestionsMap(server).has(key)).toBe(true)
  })
})
