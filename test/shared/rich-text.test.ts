import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror'
import {
  bulletList,
  heading,
  orderedList,
  paragraph,
  paragraphsDoc,
  parseRichText,
  readRichText,
  readRichTextPlain,
  richTextDoc,
  richTextSchema,
  richTextToPlain,
  table,
  text,
  writeRichText,
  type RichTextDoc,
} from '../../shared/rich-text'
import { ProposalValidationError } from '../../shared/model'

const sample: RichTextDoc = richTextDoc([
  heading(2, 'Ausgangslage'),
  paragraph([text('Der '), text('Pakt', 'strong', 'em'), text(' gilt.')]),
  bulletList(['eins', 'zwei']),
  orderedList(['a']),
  table([['Maßnahme', '2022'], ['OMID', '290']]),
  { type: 'paragraph', content: [text('Zeile 1'), { type: 'hard_break' }, text('Zeile 2')] },
  { type: 'paragraph', content: [{ type: 'text', text: 'Link', marks: [{ type: 'link', attrs: { href: 'https://www.stuttgart.de' } }] }] },
])

describe('rich text in Yjs', () => {
  it('y-prosemirror writes and reads a fragment in Node', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('body')
    doc.transact(() => prosemirrorJSONToYXmlFragment(richTextSchema, sample, fragment))
    expect(yXmlFragmentToProsemirrorJSON(fragment).content).toHaveLength(7)
  })

  it('round-trips headings, lists, marks, tables, breaks and links unchanged', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('body')
    doc.transact(() => writeRichText(fragment, sample))
    const back = readRichText(fragment)
    // Normalized: marks sorted by name, schema defaults present; the editor's own JSON is equivalent.
    expect(parseRichText(back).eq(parseRichText(sample))).toBe(true)
    expect(back.content?.[1]?.content?.[1]?.marks).toEqual([{ type: 'em' }, { type: 'strong' }])
  })

  it('survives a sync to another doc', () => {
    const a = new Y.Doc()
    a.transact(() => writeRichText(a.getXmlFragment('body'), sample))
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readRichText(b.getXmlFragment('body'))).toEqual(readRichText(a.getXmlFragment('body')))
  })

  it('writes plain paragraphs and replaces earlier content', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('x')
    doc.transact(() => writeRichText(fragment, ['alt']))
    doc.transact(() => writeRichText(fragment, ['Erster Absatz', 'Zweiter Absatz']))
    expect(readRichText(fragment)).toEqual(paragraphsDoc(['Erster Absatz', 'Zweiter Absatz']))
    expect(readRichTextPlain(fragment)).toBe('Erster Absatz\nZweiter Absatz')
  })

  it('reads plain text one block per line, table cells tab-separated', () => {
    expect(richTextToPlain(sample)).toBe('Ausgangslage\nDer Pakt gilt.\neins\nzwei\na\nMaßnahme\t2022\nOMID\t290\nZeile 1\nZeile 2\nLink')
  })

  it('joins text runs that carry the same marks, whatever the edit history', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('x')
    doc.transact(() => writeRichText(fragment, ['ab']))
    const para = fragment.get(0) as Y.XmlElement
    const ytext = para.get(0) as Y.XmlText
    ytext.insert(2, 'c', { strong: {} })
    ytext.format(2, 1, { strong: null })
    expect(readRichText(fragment)).toEqual(paragraphsDoc(['abc']))
  })

  it('refuses content outside the schema and unsafe links', () => {
    expect(() => parseRichText({ type: 'doc', content: [{ type: 'script' }] })).toThrow(ProposalValidationError)
    expect(() => parseRichText({ type: 'doc', content: [text('loose text')] })).toThrow(ProposalValidationError)
    const evil = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }
    expect(() => parseRichText(evil)).toThrow(ProposalValidationError)
  })

  it('reads without touching the doc, even when a peer stored an unknown node', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('x')
    fragment.insert(0, [new Y.XmlElement('marquee')])
    const before = Y.encodeStateVector(doc)
    expect(readRichText(fragment)).toEqual({ type: 'doc', content: [{ type: 'marquee' }] })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

describe('rich text restore', () => {
  it('writing back what was read gives the same content, the empty doc included', () => {
    const source = new Y.Doc()
    source.transact(() => writeRichText(source.getXmlFragment('x'), sample))
    const target = new Y.Doc()
    const fragment = target.getXmlFragment('x')
    target.transact(() => writeRichText(fragment, ['wird ersetzt']))
    target.transact(() => writeRichText(fragment, readRichText(source.getXmlFragment('x'))))
    expect(readRichText(fragment)).toEqual(readRichText(source.getXmlFragment('x')))
    const empty = readRichText(new Y.Doc().getXmlFragment('x'))
    target.transact(() => writeRichText(fragment, empty))
    expect(readRichText(fragment)).toEqual({ type: 'doc', content: [] })
  })
})
