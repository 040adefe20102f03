// Upgrades a content doc to the current layout in place: free-text fields from plain strings to
// Y.Text, finance years from an array to a Y.Map. Run by the server once when a room loads, so no two
// clients ever convert the same field concurrently (that would duplicate its text).
import * as Y from 'yjs'
import { attachmentTextFields } from './attachments'
import { consultationTextFields } from './consultations'
import { assertSupportedSchema, collectionMap, financeMap, headerMap, metaMap, readSchemaVersion, schemaVersion, type CollectionName } from './doc'
import { financeRowTextFields, financeYears } from './finance'
import { headerTextKeys } from './header'
import { positionTextFields } from './positions'

/** The free-text fields of each collection's items. */
export const collectionTextFields: Partial<Record<CollectionName, readonly string[]>> = {
  positions: positionTextFields,
  consultations: consultationTextFields,
  attachments: attachmentTextFields,
  financeRows: financeRowTextFields,
}

/** Turns each listed key that is not yet a Y.Text into one with the same text; returns whether it wrote. */
function upgradeTexts(map: Y.Map<unknown>, keys: readonly string[], createMissing: boolean): boolean {
  let changed = false
  for (const key of keys) {
    const value = map.get(key)
    if (value instanceof Y.Text) continue
    if (value === undefined && !createMissing) continue
    map.set(key, new Y.Text(typeof value === 'string' ? value : ''))
    changed = true
  }
  return changed
}

function needsWork(doc: Y.Doc): boolean {
  if (readSchemaVersion(doc) < schemaVersion || metaMap(doc).get('schemaVersion') === undefined) return true
  const header = headerMap(doc)
  if (headerTextKeys.some((key) => !(header.get(key) instanceof Y.Text))) return true
  const years = financeMap(doc).get('years')
  if (years !== undefined && !(years instanceof Y.Map)) return true
  for (const [name, keys] of Object.entries(collectionTextFields) as [CollectionName, readonly string[]][]) {
    for (const item of collectionMap(doc, name).values()) {
      if (item instanceof Y.Map && keys.some((key) => item.has(key) && !(item.get(key) instanceof Y.Text))) return true
    }
  }
  return false
}

/**
 * Brings `doc` to the current layout in one transaction with `origin`; readers give the same values
 * before and after, so signatures over unchanged content stay valid. Returns whether anything was
 * written (an up-to-date doc gets no update). Throws ProposalSchemaError for a newer doc.
 */
export function migrateContent(doc: Y.Doc, origin: unknown = null): boolean {
  assertSupportedSchema(doc)
  if (!needsWork(doc)) return false
  doc.transact(() => {
    // Header texts always exist, so two editors never race to create one.
    upgradeTexts(headerMap(doc), headerTextKeys, true)
    for (const [name, keys] of Object.entries(collectionTextFields) as [CollectionName, readonly string[]][]) {
      collectionMap(doc, name).forEach((item) => {
        if (item instanceof Y.Map) upgradeTexts(item as Y.Map<unknown>, keys, true)
      })
    }
    const finance = financeMap(doc)
    const years = finance.get('years')
    if (years !== undefined && !(years instanceof Y.Map)) {
      const map = new Y.Map<true>()
      for (const year of financeYears(doc)) map.set(String(year), true)
      finance.set('years', map)
    }
    if (metaMap(doc).get('schemaVersion') !== schemaVersion) metaMap(doc).set('schemaVersion', schemaVersion)
  }, origin)
  return true
}
