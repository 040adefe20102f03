// The pending suggestions of one field, right under it: a plain input cannot underline or strike out.
import { For } from 'solid-js'
import { SuggestionCard } from './SuggestionCard'
import type { SuggestState } from './suggest-state'

export function FieldSuggestions(props: { field: string; state: SuggestState }) {
  const mine = () => props.state.list().filter((s) => s.field === props.field)
  return <For each={mine()}>{(s) => <SuggestionCard suggestion={s} state={props.state} compact />}</For>
}
