// The content guard against real Yjs updates: everything the model's own writers produce passes,
// everything the model forbids is refused before it touches the server's doc.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { demoTemplates, templateUpdate } from '../../shared/demo'
import {
  addFinanceRow,
  addPosition,
  addResolutionItem,
  bodyFragment,
  collectionMap,
  ensureSchema,
  financeMap,
  headerMap,
  metaMap,
  moveResolutionItem,
  paragraph,
  richTextDoc,
  setBody,
  setFinanceCell,
  setFinanceYears,
  setHeaderField,
  setTitle,
  titleText,
  updatePosition,
} from '../../shared/model'
import { CloseCode } from '../../server/sync/protocol'
import { createContentGuard, type UpdateGuard } from '../../server/sync/update-guard'

/** A server doc and a client replica; `edit` sends the client's next change through the guard. */
function session(template = 'pakt-949-2019') {
  const server = new Y.Doc()
  Y.applyUpdate(server, templateUpdate(template))
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  const guard: UpdateGuard = createContentGuard()
  const edit = (change: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client)
    change(client)
    const update = Y.encodeStateAsUpdate(client, before)
    const refusal = guard(server, update)
    if (!refusal) Y.applyUpdate(server, update)
    return refusal
  }
  return { server, client, guard, edit }
}

/** A text mark as y-prosemirror stores it on Y.XmlText. */
function paragraphWithLink(href: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  text.insert(0, 'hier klicken', { link: { href } })
  p.insert(0, [text])
  return p
}

describe('the content guard', () => {
  it('accepts every demo proposal written by a client onto a doc whose meta the server set', () => {
    for (const template of demoTemplates) {
      const server = new Y.Doc()
      ensureSchema(server)
      const client = new Y.Doc()
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
      const before = Y.encodeStateVector(client)
      template.build(client)
      expect(createContentGuard()(server, Y.encodeStateAsUpdate(client, before)), template.id).toBeUndefined()
    }
  })

  it('free-text fields are Y.Text: typing merges, plain strings, overlong text and bad Gz characters are refused', () => {
    // A fresh session per refusal: a refused update stays in its client, and later ones build on it.
    const attempt = (change: (doc: Y.Doc) => void) => session('integration-2022-2023').edit(change)
    const gz = (doc: Y.Doc) => headerMap(doc).get('gz') as Y.Text
    const title = (doc: Y.Doc) => ([...collectionMap(doc, 'attachments').values()][0] as Y.Map<unknown>).get('title') as Y.Text
    const years = (doc: Y.Doc) => financeMap(doc).get('years') as Y.Map<unknown>
    expect(attempt((doc) => gz(doc).insert(gz(doc).length, '/12'))).toBeUndefined()
    expect(attempt((doc) => gz(doc).insert(0, '<b>'))).toMatchObject({ code: CloseCode.malformedMessage, reason: 'header.gz holds characters it may not' })
    expect(attempt((doc) => title(doc).insert(0, 'Neu: '))).toBeUndefined()
    expect(attempt((doc) => title(doc).insert(0, 'x'.repeat(300)))).toMatchObject({ reason: 'attachments[].title would exceed 300 characters' })
    expect(attempt((doc) => ([...collectionMap(doc, 'attachments').values()][0] as Y.Map<unknown>).set('title', 'plain'))).toMatchObject({
      reason: 'attachments[].title has the wrong type',
    })
    expect(attempt((doc) => years(doc).set('2025', true))).toBeUndefined()
    expect(attempt((doc) => years(doc).set('1850', true))).toMatchObject({ code: CloseCode.forbidden })
    expect(attempt((doc) => financeMap(doc).set('years', [2022]))).toMatchObject({ reason: 'finance.years has the wrong type' })
  })

  it("accepts what the model's writers produce, edit by edit", () => {
    const { edit, client } = session('integration-2022-2023')
    expect(edit((doc) => setTitle(doc, 'Ein neuer Betreff'))).toBeUndefined()
    expect(edit((doc) => setHeaderField(doc, 'gz', 'SI/123'))).toBeUndefined()
    let position = ''
    expect(edit((doc) => (position = addPosition(doc, { department: 'sozialamt', function: 'Sachbearbeitung', note: 'x'.repeat(2000) })))).toBeUndefined()
    expect(edit((doc) => updatePosition(doc, position, { kind: 'authorization', until: '2026-12-31', annualCost: 61_000 }))).toBeUndefined()
    expect(edit((doc) => setFinanceYears(doc, [2022, 2023, 2024]))).toBeUndefined()
    let row = ''
    expect(edit((doc) => (row = addFinanceRow(doc, { account: '31.60', need: { 2024: 12.5 } })))).toBeUndefined()
    expect(edit((doc) => setFinanceCell(doc, row, 'provided', 2023, 4))).toBeUndefined()
    let item = ''
    expect(edit((doc) => (item = addResolutionItem(doc, ['Der Gemeinderat beschließt …'])))).toBeUndefined()
    expect(edit((doc) => moveResolutionItem(doc, item, 0))).toBeUndefined()
    expect(edit((doc) => setBody(doc, richTextDoc([paragraph('Neu'), { type: 'bullet_list', content: [{ type: 'list_item', content: [paragraph('a')] }] }])))).toBeUndefined()
    expect(edit((doc) => bodyFragment(doc).insert(0, [paragraphWithLink('https://www.stuttgart.de')]))).toBeUndefined()
    // Typing into existing text: the item's parent comes from its neighbour, not from the update.
    expect(edit((doc) => titleText(doc).insert(titleText(doc).length, '!'))).toBeUndefined()
    expect(titleText(client).toString()).toBe('Ein neuer Betreff!')
  })

  it('counts what an update deletes: replacing a full title with another full title passes', () => {
    const { edit } = session()
    expect(edit((doc) => setTitle(doc, 'a'.repeat(300)))).toBeUndefined()
    expect(edit((doc) => setTitle(doc, 'b'.repeat(300)))).toBeUndefined()
    expect(edit((doc) => titleText(doc).insert(0, 'c'))?.code).toBe(CloseCode.malformedMessage)
  })

  it('refuses a 20 000-character title, Begründung paragraph, position function and note', () => {
    const word = 'x'.repeat(20_000)
    const { edit, server } = session()
    expect(edit((doc) => titleText(doc).insert(0, word))?.reason).toMatch(/title would exceed 300/)
    const long = session()
    expect(
      long.edit((doc) => {
        const para = new Y.XmlElement('paragraph')
        const text = new Y.XmlText()
        para.insert(0, [text])
        text.insert(0, word)
        bodyFragment(doc).insert(0, [para])
      })?.reason,
    ).toMatch(/body would exceed 10000/)
    for (const key of ['function', 'note']) {
      const s = session()
      const positionId = [...collectionMap(s.client, 'positions').keys()][0]!
      const refusal = s.edit((doc) => (collectionMap(doc, 'positions').get(positionId) as Y.Map<unknown>).set(key, word))
      expect(refusal?.reason).toMatch(new RegExp(`positions\\[\\]\\.${key}`))
    }
    expect(titleText(server).length).toBeLessThan(300)
  })

  it('refuses writes to meta (schemaVersion is the server’s) and to keys the model does not have', () => {
    // Each refusal gets a fresh client: after a refused change, a client's later updates build on it.
    const edit = (change: (doc: Y.Doc) => void) => session().edit(change)
    const meta = edit((doc) => metaMap(doc).set('schemaVersion', 99))
    expect(meta).toMatchObject({ code: CloseCode.forbidden, reason: expect.stringMatching(/meta\.schemaVersion/) })
    expect(edit((doc) => headerMap(doc).set('status', 'cosigned'))?.code).toBe(CloseCode.forbidden)
    expect(edit((doc) => doc.getMap('record').set('x', 1))?.code).toBe(CloseCode.forbidden)
    expect(edit((doc) => headerMap(doc).set('kind', 'Geheimvorlage'))?.code).toBe(CloseCode.malformedMessage)
    expect(edit((doc) => headerMap(doc).set('date', new Y.Map()))?.code).toBe(CloseCode.malformedMessage)
  })

  it('refuses javascript:, data: and disguised script links in the Begründung; keeps http(s) and mailto', () => {
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x']) {
      expect(session().edit((doc) => bodyFragment(doc).insert(0, [paragraphWithLink(href)]))?.reason, href).toMatch(/formatting "link"/)
    }
    for (const href of ['https://example.org/a?b=c', 'http://x.de', 'mailto:amt@stuttgart.de']) {
      expect(session().edit((doc) => bodyFragment(doc).insert(0, [paragraphWithLink(href)])), href).toBeUndefined()
    }
  })

  it('refuses unknown nodes, attributes and marks, plain values and deep nesting inside rich text', () => {
    const refused = (change: (doc: Y.Doc) => void) => session().edit(change)
    expect(refused((doc) => bodyFragment(doc).insert(0, [new Y.XmlElement('script')]))?.reason).toMatch(/script is not allowed/)
    expect(refused((doc) => bodyFragment(doc).insert(0, [new Y.XmlText('lose')]))?.reason).toMatch(/doc holds no text/)
    expect(refused((doc) => (bodyFragment(doc).get(0) as Y.XmlElement).setAttribute('onclick', 'x'))?.code).toBe(CloseCode.forbidden)
    expect(
      refused((doc) => {
        const h = new Y.XmlElement('heading')
        bodyFragment(doc).insert(0, [h])
        h.setAttribute('level', 7 as unknown as string)
      })?.reason,
    ).toMatch(/heading\.level/)
    const withPlainValues = refused((doc) => (bodyFragment(doc) as unknown as Y.Array<unknown>).insert(0, [42, 'x', { a: 1 }]))
    expect(withPlainValues?.reason).toMatch(/rich-text elements only/)
    const marked = refused((doc) => {
      const p = new Y.XmlElement('paragraph')
      const text = new Y.XmlText()
      p.insert(0, [text])
      text.insert(0, 'x', { style: 'color:red' })
      bodyFragment(doc).insert(0, [p])
    })
    expect(marked?.reason).toMatch(/formatting "style"/)
    // Deep enough to overflow a recursive check; built in one transaction, as a hostile client would (Yjs takes seconds otherwise).
    const deep = refused((doc) =>
      doc.transact(() => {
        let outer = new Y.XmlElement('bullet_list')
        bodyFragment(doc).insert(0, [outer])
        for (let i = 0; i < 3_000; i++) {
          const item = new Y.XmlElement('list_item')
          const list = new Y.XmlElement('bullet_list')
          item.insert(0, [list])
          outer.insert(0, [item])
          outer = list
        }
      }),
    )
    expect(deep?.reason).toMatch(/nested deeper than 24/)
  })

  it('refuses an update that builds on changes the server never received', () => {
    const { client, guard, server } = session()
    titleText(client).insert(0, 'verloren ')
    const before = Y.encodeStateVector(client)
    titleText(client).insert(0, 'danach ')
    const tail = Y.encodeStateAsUpdate(client, before)
    expect(guard(server, tail)).toMatchObject({ code: CloseCode.malformedMessage, reason: expect.stringMatching(/server does not have/) })
  })
})
