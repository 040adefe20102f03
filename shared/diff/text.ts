// Word-level diff of rich text: lines are aligned first, so a long Begründung with a few edits stays fast.
import { diffArrays, diffWords } from 'diff'
import { canonicalJSON } from '../model/canonical'
import { richTextToPlain, type RichTextNode } from '../rich-text'
import type { TextDiff, TextPart } from './types'

/** Splits into lines that keep their line break, so joining them gives the text back. */
function lines(text: string): string[] {
  if (text === '') return []
  const parts = text.split('\n')
  return parts.map((line, i) => (i < parts.length - 1 ? `${line}\n` : line))
}

function push(parts: TextPart[], part: TextPart): void {
  if (part.value === '') return
  const last = parts[parts.length - 1]
  // Neighbouring runs of the same kind read as one.
  if (last && Boolean(last.added) === Boolean(part.added) && Boolean(last.removed) === Boolean(part.removed)) last.value += part.value
  else parts.push(part)
}

/** A word diff of two plain texts, as common / removed / added runs. */
export function diffPlainText(before: string, after: string): TextPart[] {
  const parts: TextPart[] = []
  if (before === after) {
    push(parts, { value: before })
    return parts
  }
  const changes = diffArrays(lines(before), lines(after))
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!
    const next = changes[i + 1]
    const text = change.value.join('')
    if (!change.added && !change.removed) {
      push(parts, { value: text })
    } else if (change.removed && next?.added) {
      // Replaced lines: compare their words, so one changed word shows as one change.
      for (const word of diffWords(text, next.value.join(''))) {
        push(parts, word.added ? { value: word.value, added: true } : word.removed ? { value: word.value, removed: true } : { value: word.value })
      }
      i++
    } else {
      push(parts, change.added ? { value: text, added: true } : { value: text, removed: true })
    }
  }
  return parts
}

/** How many places changed: a removal directly followed by an insertion is one replacement. */
export function countHunks(parts: TextPart[]): number {
  let hunks = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (!part.added && !part.removed) continue
    hunks++
    if (part.removed && parts[i + 1]?.added) i++
  }
  return hunks
}

/** Compares two rich texts by their words; formatting-only changes are flagged, not lost. */
export function diffRichText(before: RichTextNode, after: RichTextNode): TextDiff {
  const sameJson = canonicalJSON(before) === canonicalJSON(after)
  const beforeText = richTextToPlain(before)
  const afterText = richTextToPlain(after)
  const parts = diffPlainText(beforeText, afterText)
  return { changed: !sameJson, formattingOnly: !sameJson && beforeText === afterText, parts, hunks: countHunks(parts) }
}

const isChange = (part: TextPart | undefined) => Boolean(part?.added || part?.removed)

/** Only the words around each change are kept of the common text (`context` characters each side), so a long text stays readable. */
export function aroundChanges(parts: TextPart[], context = 60): TextPart[] {
  return parts.flatMap((part, i) => {
    if (isChange(part)) return [part]
    const before = isChange(parts[i - 1])
    const after = isChange(parts[i + 1])
    if (!before && !after) return []
    const text = part.value
    if (text.length <= 2 * context) return [part]
    // Cut at a space, so no word is shown in part.
    const head = before ? text.slice(0, context).replace(/\s+\S*$/, '') + ' … ' : '… '
    const tail = after ? text.slice(-context).replace(/^\S*\s+/, '') : ''
    return [{ value: before && after ? head + tail : before ? head : '… ' + tail }]
  })
}
