import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  checkSchema,
  ensureSchema,
  metaMap,
  ProposalSchemaError,
  ProposalValidationError,
  readHeader,
  readSchemaVersion,
  schemaVersion,
  setHeader,
  setHeaderField,
  setTitle,
  titleText,
  addAttachment,
} from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import { initialProposalUpdate } from '../../shared/proposal-doc'
import { newDoc } from './helpers'

describe('header', () => {
  it('round-trips every field and the title', () => {
    const doc = newDoc()
    setTitle(doc, 'Pakt für Integration')
    setHeader(doc, { number: '949/2019', kind: 'Mitteilungsvorlage', referat: 'Referat SI', gz: 'SI', date: '2019-11-13' })
    setHeaderField(doc, 'leadDepartment', 'sozialamt')
    setHeaderField(doc, 'signatory', 'In Vertretung\nIsabel Fezer\nBürgermeisterin')
    expect(readHeader(doc)).toEqual({
      title: 'Pakt für Integration',
      number: '949/2019',
      kind: 'Mitteilungsvorlage',
      referat: 'Referat SI',
      gz: 'SI',
      date: '2019-11-13',
      leadDepartment: 'sozialamt',
      signatory: 'In Vertretung\nIsabel Fezer\nBürgermeisterin',
    })
    expect(titleText(doc).toString()).toBe('Pakt für Integration')
  })

  it('reads defaults from an empty doc and from values a peer stored with the wrong type', () => {
    const doc = new Y.Doc()
    doc.getMap('header').set('kind', 'Quatsch')
    doc.getMap('header').set('number', 42)
    expect(readHeader(doc)).toMatchObject({ kind: 'Beschlussvorlage', number: '', title: '' })
  })

  it('refuses a malformed number, a bad date, an unknown kind and a bad department id', () => {
    const doc = newDoc()
    expect(() => setHeaderField(doc, 'number', '949-2019')).toThrow(ProposalValidationError)
    expect(() => setHeaderField(doc, 'date', '2019-02-30')).toThrow(/date/)
    expect(() => setHeaderField(doc, 'kind', 'Antrag' as never)).toThrow(ProposalValidationError)
    expect(() => setHeaderField(doc, 'leadDepartment', 'Sozialamt')).toThrow(ProposalValidationError)
    expect(() => setHeader(doc, { number: '1/2020', date: 'gestern' })).toThrow(ProposalValidationError)
    expect(readHeader(doc).number).toBe('')
  })

  it('names the field and gives German and English messages', () => {
    const doc = newDoc()
    try {
      setHeaderField(doc, 'date', '31.12.2021')
      expect.unreachable()
    } catch (e) {
      const error = e as ProposalValidationError
      expect(error.field).toBe('date')
      expect(error.code).toBe('date_invalid')
      expect(error.messageDe).toMatch(/Datum/)
      expect(error.message).toMatch(/date/)
    }
  })

  it('accepts any well-formed department id, not only the seeded four', () => {
    const doc = newDoc()
    setHeaderField(doc, 'leadDepartment', 'jugendamt')
    expect(readHeader(doc).leadDepartment).toBe('jugendamt')
  })
})

describe('schema version', () => {
  it('is recorded once and read back', () => {
    const doc = new Y.Doc()
    expect(ensureSchema(doc)).toBe(schemaVersion)
    expect(metaMap(doc).get('schemaVersion')).toBe(schemaVersion)
    expect(readSchemaVersion(new Y.Doc())).toBe(1)
  })

  it('a reader that sees a newer version says so and refuses to write or hash', () => {
    const doc = new Y.Doc()
    metaMap(doc).set('schemaVersion', schemaVersion + 1)
    expect(checkSchema(doc)).toEqual({ ok: false, found: schemaVersion + 1, supported: schemaVersion })
    expect(() => ensureSchema(doc)).toThrow(ProposalSchemaError)
    expect(() => addAttachment(doc, { title: 'x' })).toThrow(ProposalSchemaError)
    expect(() => contentHash(doc)).toThrow(ProposalSchemaError)
  })

  it('a new proposal starts as a versioned blank Beschlussvorlage with its title', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, initialProposalUpdate('Neue Vorlage', { number: '12/2024' }))
    expect(readSchemaVersion(doc)).toBe(schemaVersion)
    expect(readHeader(doc)).toMatchObject({ title: 'Neue Vorlage', kind: 'Beschlussvorlage', number: '12/2024' })
  })
})
