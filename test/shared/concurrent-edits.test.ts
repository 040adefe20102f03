// Three peers edit every collection, every free-text field and the finance years at once, and their
// updates reach each other in random order: all converge, and nothing one of them added is lost.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAttachment,
  addConsultation,
  addFinanceRow,
  addPosition,
  addResolutionItem,
  canonicalContent,
  financeYears,
  getAttachment,
  getConsultation,
  getFinanceRow,
  getPosition,
  migrateContent,
  moveAttachment,
  moveConsultation,
  moveFinanceRow,
  movePosition,
  moveResolutionItem,
  ProposalItemNotFoundError,
  ProposalValidationError,
  removeAttachment,
  removeConsultation,
  removeFinanceRow,
  removePosition,
  removeResolutionItem,
  setFinanceYears,
  updateAttachment,
  updateConsultation,
  updateFinanceRow,
  updatePosition,
  type CollectionName,
} from '../../shared/model'
import { entries } from '../../shared/model/collections'

const seed = Number(process.env.PROPERTY_SEED ?? 20261127)
const numRuns = Number(process.env.PROPERTY_RUNS ?? 500)

/** Per collection: how to add, remove, move an item, and (for free text) read and write one field. */
type Kind = {
  name: CollectionName
  add: (doc: Y.Doc, index: number) => string
  remove: (doc: Y.Doc, id: string) => void
  move: (doc: Y.Doc, id: string, to: number) => void
  text?: { read: (doc: Y.Doc, id: string) => string; write: (doc: Y.Doc, id: string, value: string) => void }
}

// Every edit goes through the model's public writers, as the board's does.
const kinds: Kind[] = [
  {
    name: 'positions',
    add: (doc, i) => addPosition(doc, { department: 'sozialamt' }, i),
    remove: removePosition,
    move: movePosition,
    text: { read: (doc, id) => getPosition(doc, id).note, write: (doc, id, note) => updatePosition(doc, id, { note }) },
  },
  {
    name: 'consultations',
    add: (doc, i) => addConsultation(doc, {}, i),
    remove: removeConsultation,
    move: moveConsultation,
    text: { read: (doc, id) => getConsultation(doc, id).committee, write: (doc, id, committee) => updateConsultation(doc, id, { committee }) },
  },
  {
    name: 'attachments',
    add: (doc, i) => addAttachment(doc, {}, i),
    remove: removeAttachment,
    move: moveAttachment,
    text: { read: (doc, id) => getAttachment(doc, id).title, write: (doc, id, title) => updateAttachment(doc, id, { title }) },
  },
  {
    name: 'financeRows',
    add: (doc, i) => addFinanceRow(doc, {}, i),
    remove: removeFinanceRow,
    move: moveFinanceRow,
    text: { read: (doc, id) => getFinanceRow(doc, id).measure, write: (doc, id, measure) => updateFinanceRow(doc, id, { measure }) },
  },
  { name: 'resolution', add: (doc, i) => addResolutionItem(doc, ['Ziffer'], i), remove: removeResolutionItem, move: moveResolutionItem },
]

type Op =
  | { op: 'add' | 'remove' | 'move' | 'type'; peer: number; kind: number; pick: number; to: number }
  | { op: 'addYear' | 'removeYear'; peer: number; year: number }
  | { op: 'deliver'; peer: number; pick: number }

const peer = fc.integer({ min: 0, max: 2 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('add' as const, 'remove' as const, 'move' as const, 'type' as const), peer, kind: fc.nat(kinds.length - 1), pick: fc.nat(), to: fc.nat() }),
  // Twelve possible years, so the limit of twelve columns is never what refuses an addition.
  fc.record({ op: fc.constantFrom('addYear' as const, 'removeYear' as const), peer, year: fc.integer({ min: 2020, max: 2031 }) }),
  fc.record({ op: fc.constant('deliver' as const), peer, pick: fc.nat() }),
)

/** What the peers did, to judge the merged result by. */
type Journal = {
  added: Map<string, CollectionName>
  removed: Set<string>
  /** Item id → the marker strings typed into its text field. */
  typed: Map<string, string[]>
  /** Item id → the order values its moves set. */
  moves: Map<string, number[]>
  yearsAdded: Set<number>
  yearsRemoved: Set<number>
}

/** Whether `needle`'s characters appear in `haystack` in order (others may have typed in between). */
function inOrder(haystack: string, needle: string): boolean {
  let at = 0
  for (const char of needle) {
    at = haystack.indexOf(char, at)
    if (at < 0) return false
    at++
  }
  return true
}

function run(ops: Op[]): void {
  const base = new Y.Doc()
  migrateContent(base)
  setFinanceYears(base, [2022, 2023])
  const peers = [0, 1, 2].map(() => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
    return doc
  })
  // Each peer's inbox: updates from the others, not yet applied; delivered in random order.
  const inbox: Uint8Array[][] = [[], [], []]
  const remote = Symbol('remote')
  peers.forEach((doc, from) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== remote) for (let to = 0; to < 3; to++) if (to !== from) inbox[to]!.push(update)
    }),
  )
  const journal: Journal = { added: new Map(), removed: new Set(), typed: new Map(), moves: new Map(), yearsAdded: new Set(), yearsRemoved: new Set() }
  let marker = 0

  for (const step of ops) {
    const doc = peers[step.peer]!
    if (step.op === 'deliver') {
      const box = inbox[step.peer]!
      if (box.length) Y.applyUpdate(doc, box.splice(step.pick % box.length, 1)[0]!, remote)
      continue
    }
    if (step.op === 'addYear' || step.op === 'removeYear') {
      const years = financeYears(doc)
      if (step.op === 'addYear') {
        // The board's old way of adding a year (the whole list plus one) must merge too.
        setFinanceYears(doc, [...new Set([...years, step.year])])
        journal.yearsAdded.add(step.year)
      } else if (years.includes(step.year)) {
        setFinanceYears(doc, years.filter((y) => y !== step.year))
        journal.yearsRemoved.add(step.year)
      }
      continue
    }
    const edit = step as Extract<Op, { kind: number }>
    const kind = kinds[edit.kind]!
    const items = entries(doc, kind.name)
    if (step.op === 'add') {
      journal.added.set(kind.add(doc, edit.to % (items.length + 1)), kind.name)
      continue
    }
    if (!items.length) continue
    const id = items[edit.pick % items.length]!.id
    try {
      if (edit.op === 'remove') {
        kind.remove(doc, id)
        journal.removed.add(id)
      } else if (edit.op === 'move') {
        kind.move(doc, id, edit.to % items.length)
        const order = entries(doc, kind.name).find((e) => e.id === id)!.order
        journal.moves.set(id, [...(journal.moves.get(id) ?? []), order])
      } else if (kind.text) {
        const before = kind.text.read(doc, id)
        const at = edit.to % (before.length + 1)
        const typed = `<${step.peer}.${marker++}>`
        kind.text.write(doc, id, before.slice(0, at) + typed + before.slice(at))
        journal.typed.set(id, [...(journal.typed.get(id) ?? []), typed])
      }
    } catch (error) {
      // A field at its length limit refuses more text; anything else is a failure.
      if (!(error instanceof ProposalValidationError || error instanceof ProposalItemNotFoundError)) throw error
    }
  }

  // Everything still in flight arrives, in a shuffled order.
  for (let to = 0; to < 3; to++) {
    const box = inbox[to]!
    while (box.length) Y.applyUpdate(peers[to]!, box.splice((box.length * 7919 + to) % box.length, 1)[0]!, remote)
  }

  const [first, ...others] = peers.map(canonicalContent)
  for (const other of others) expect(other).toBe(first)
  const doc = peers[0]!

  for (const [id, name] of journal.added) {
    const present = entries(doc, name).some((e) => e.id === id)
    expect(present, `${name} ${id}`).toBe(!journal.removed.has(id))
  }
  for (const [id, markers] of journal.typed) {
    const name = journal.added.get(id) ?? kinds.find((k) => entries(doc, k.name).some((e) => e.id === id))?.name
    const kind = kinds.find((k) => k.name === name)
    if (!kind?.text || journal.removed.has(id)) continue
    const text = kind.text.read(doc, id)
    for (const typed of markers) expect(inOrder(text, typed), `${typed} in ${JSON.stringify(text)}`).toBe(true)
  }
  for (const [id, orders] of journal.moves) {
    if (journal.removed.has(id)) continue
    const entry = kinds.flatMap((k) => entries(doc, k.name)).find((e) => e.id === id)!
    // A move is never undone by anything but a later move of the same item.
    expect(orders).toContain(entry.order)
  }
  const years = financeYears(doc)
  for (const year of journal.yearsAdded) if (!journal.yearsRemoved.has(year)) expect(years, `year ${year}`).toContain(year)
  for (const year of [2022, 2023]) if (!journal.yearsRemoved.has(year)) expect(years).toContain(year)
}

describe('concurrent edits of three peers', () => {
  it(`every concurrent insertion, deletion, move, typed text and year survives, in any delivery order (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 80 }), (ops) => run(ops)),
      { seed, numRuns },
    )
  })
})
