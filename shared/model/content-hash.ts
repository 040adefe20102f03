// SHA-256 of the canonical content: what a co-signature is bound to. Its own module, so the board
// loads the hash code only once there is a signature to check.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type * as Y from 'yjs'
import { canonicalContent, canonicalJSON, canonicalSections, sectionNames, type CanonicalSections, type SectionName } from './canonical'

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)))

/** SHA-256 (hex) of the canonical content; equals `sectionsHash(doc, sectionNames)`. */
export const contentHash = (doc: Y.Doc): string => sha256Hex(canonicalContent(doc))

/** SHA-256 (hex) over the chosen sections only, from precomputed canonical sections. */
export function hashSections(sections: CanonicalSections, names: readonly SectionName[]): string {
  const picked: Partial<CanonicalSections> = {}
  for (const name of names) {
    if (!(sectionNames as readonly string[]).includes(name)) throw new TypeError(`unknown section ${name}`)
    picked[name] = sections[name]
  }
  return sha256Hex(canonicalJSON(picked))
}

/** SHA-256 (hex) over the chosen sections of the doc: a signature on some parts only. */
export const sectionsHash = (doc: Y.Doc, names: readonly SectionName[]): string => hashSections(canonicalSections(doc), names)

/** One hash per section, to see which part changed since a signature. */
export function sectionHashes(doc: Y.Doc): Record<SectionName, string> {
  const sections = canonicalSections(doc)
  return Object.fromEntries(sectionNames.map((name) => [name, hashSections(sections, [name])])) as Record<SectionName, string>
}
