// A changed text shown in place: the removed words struck through, the added ones marked, and of the
// common text only the words around each change.
import { For } from 'solid-js'
import { aroundChanges, diffPlainText } from '../../../shared/diff/text'
import type { TextPart } from '../../../shared/diff/types'

export function TextParts(props: { parts: TextPart[] }) {
  return (
    <p class="diff-text">
      <For each={props.parts}>{(part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>)}</For>
    </p>
  )
}

/** Two versions of one text, word by word, in context. */
export function ChangedText(props: { before: string; after: string }) {
  return <TextParts parts={aroundChanges(diffPlainText(props.before, props.after))} />
}
