// Form controls bound to model values: each writes through a model setter and shows its German
// (or English) validation message beside itself when the model refuses the value.
import { createEffect, createMemo, createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js'
import type * as Y from 'yjs'
import { emptyCell } from '../../../shared/format'
import { ProposalItemNotFoundError, ProposalValidationError } from '../../../shared/model'
import { t, validationText } from '../i18n'
import { bindText } from '../text-binding'
import { bindSuggesting } from '../suggest/field-suggest'
import { FieldSuggestions } from '../suggest/FieldSuggestions'
import { useSuggest } from '../suggest/suggest-state'
import { useFieldPresence, type FieldPresence } from './field-presence'

/** Runs a model write; returns the message to show, or undefined when it was written. */
export function tryWrite(write: () => void): string | undefined {
  try {
    write()
    return undefined
  } catch (error) {
    if (error instanceof ProposalValidationError) return validationText(error.issues[0]!)
    // A peer removed the item meanwhile: its row disappears, nothing to tell.
    if (error instanceof ProposalItemNotFoundError) return undefined
    throw error
  }
}

/** The Y.Text of a field, or undefined when its item was just removed by a peer. */
export function textOrNone(get: () => Y.Text | undefined): Y.Text | undefined {
  try {
    return get()
  } catch (error) {
    if (error instanceof ProposalItemNotFoundError) return undefined
    throw error
  }
}

type Common = {
  label: string
  /** Use the label for screen readers only (table cells, whose column header shows it). */
  hideLabel?: boolean
  readOnly: boolean
  class?: string
  testId?: string
  /** Stable id for presence (`header/gz`, `positions/<id>/note`): colleagues see who is in this field. */
  field?: string
}

function Wrap(props: Common & { id: string; error: string | undefined; errorId: string; presence: FieldPresence; children: JSX.Element }) {
  return (
    <div class={`field ${props.class ?? ''}`} classList={{ invalid: !!props.error }} {...props.presence.box()}>
      <Show when={!props.hideLabel}>
        <label for={props.id}>{props.label}</label>
      </Show>
      {/* Zero height, right above the control: the colleagues' names sit on its top edge, not on the label. */}
      <div class="peer-anchor">
        <props.presence.Tags />
      </div>
      {props.children}
      <Show when={props.error}>
        <span class="field-error" id={props.errorId} role="alert" data-testid="field-error">
          {props.error}
        </span>
      </Show>
    </div>
  )
}

/** Puts a new value into a field that may have focus, keeping the caret where it was. */
function showValue(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  if (el.value === value) return
  if (document.activeElement !== el) {
    el.value = value
    return
  }
  const { selectionStart, selectionEnd } = el
  el.value = value
  if (selectionStart !== null && selectionEnd !== null) el.setSelectionRange(Math.min(selectionStart, value.length), Math.min(selectionEnd, value.length))
}

/**
 * Free text bound to its Y.Text: each keystroke is a minimal Yjs edit and a peer's typing is merged in
 * around the caret, so two people typing in the same field both keep every letter, in order.
 * `validate` (a model check that throws) refuses a value before it is written. Without a Y.Text
 * (a doc from before layout 2, not migrated yet) it falls back to writing the whole value.
 */
export function BoundTextField(
  props: Common & {
    text: Y.Text | undefined
    value: string
    onWrite: (value: string) => void
    validate?: (value: string) => void
    multiline?: boolean
    maxLength?: number
    placeholder?: string
    id?: string
  },
) {
  const id = props.id ?? createUniqueId()
  const errorId = `${id}-error`
  const [error, setError] = createSignal<string>()
  const presence = useFieldPresence(() => props.field, id)
  let el!: HTMLInputElement | HTMLTextAreaElement
  // Rebind only when the Y.Text itself changes (a memo compares by identity), not on every edit.
  const text = createMemo(() => props.text)
  const suggest = useSuggest()
  // In suggestion mode a free-text field with a place on the board takes a suggestion instead of an edit.
  const suggesting = () => !!suggest?.active() && !!props.field
  createEffect(() => {
    const bound = text()
    if (!bound) return
    if (suggesting()) return onCleanup(bindSuggesting(el, bound, suggest!, props.field!))
    const accept = (value: string) => {
      const message = props.validate ? tryWrite(() => props.validate!(value)) : undefined
      setError(message)
      return message === undefined
    }
    onCleanup(bindText(el, bound, { accept }))
  })
  createEffect(() => {
    const value = props.value
    if (!text() && !error()) showValue(el, value)
  })
  const onInput = (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    if (!text()) setError(tryWrite(() => props.onWrite(event.currentTarget.value)))
  }
  const attrs = () => ({
    id,
    'aria-label': props.hideLabel ? props.label : undefined,
    'aria-invalid': error() ? true : undefined,
    'aria-describedby': presence.describedBy(error() ? errorId : undefined),
    readOnly: props.readOnly && !(suggesting() && text()),
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    'data-testid': props.testId,
    autocomplete: 'off',
  })
  return (
    <Wrap {...props} id={id} error={error()} errorId={errorId} presence={presence}>
      {props.multiline ? (
        <textarea ref={(e) => (el = e)} rows={2} {...attrs()} onInput={onInput} />
      ) : (
        <input ref={(e) => (el = e)} {...attrs()} onInput={onInput} />
      )}
      <Show when={suggest && props.field}>{(field) => <FieldSuggestions field={field()} state={suggest!} />}</Show>
    </Wrap>
  )
}

/**
 * A value typed in German form (`0,5`, `31.12.2021`): shown formatted, parsed and written when the
 * user leaves the field or presses Enter; Escape brings the stored value back.
 */
export function ParsedField<T>(
  props: Common & {
    value: T
    format: (value: T) => string
    /** Returns undefined for text that is not a value at all. */
    parse: (text: string) => T | undefined
    onWrite: (value: T) => void
    /** Shown for text `parse` cannot read. */
    unreadable: string
    placeholder?: string
    inputMode?: 'decimal' | 'numeric' | 'text'
    id?: string
  },
) {
  const id = props.id ?? createUniqueId()
  const errorId = `${id}-error`
  const [error, setError] = createSignal<string>()
  const presence = useFieldPresence(() => props.field, id)
  let el!: HTMLInputElement
  createEffect(() => {
    const text = props.format(props.value)
    if (!error()) showValue(el, text)
  })
  const commit = () => {
    if (props.readOnly) return
    const parsed = props.parse(el.value)
    if (parsed === undefined) return setError(props.unreadable)
    setError(tryWrite(() => props.onWrite(parsed)))
    if (!error()) showValue(el, props.format(props.value))
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      commit()
    } else if (event.key === 'Escape' && (error() || el.value !== props.format(props.value))) {
      event.preventDefault()
      setError(undefined)
      el.value = props.format(props.value)
    }
  }
  return (
    <Wrap {...props} id={id} error={error()} errorId={errorId} presence={presence}>
      <input
        ref={el}
        id={id}
        aria-label={props.hideLabel ? props.label : undefined}
        aria-invalid={error() ? true : undefined}
        aria-describedby={presence.describedBy(error() ? errorId : undefined)}
        readOnly={props.readOnly}
        // Read-only, an empty value reads '–'; the input hint (TT.MM.JJJJ) is for those who can type.
        placeholder={props.readOnly ? emptyCell : props.placeholder}
        inputMode={props.inputMode}
        data-testid={props.testId}
        autocomplete="off"
        onChange={commit}
        onKeyDown={onKeyDown}
      />
    </Wrap>
  )
}

export type Choice = { value: string; label: string }

export function SelectField(props: Common & { value: string; choices: Choice[]; onWrite: (value: string) => void; id?: string }) {
  const id = props.id ?? createUniqueId()
  const errorId = `${id}-error`
  const [error, setError] = createSignal<string>()
  const presence = useFieldPresence(() => props.field, id)
  return (
    <Wrap {...props} id={id} error={error()} errorId={errorId} presence={presence}>
      <select
        id={id}
        aria-label={props.hideLabel ? props.label : undefined}
        aria-invalid={error() ? true : undefined}
        aria-describedby={presence.describedBy(error() ? errorId : undefined)}
        // A <select> has no readonly; disabled is the read-only state, and the value stays visible.
        disabled={props.readOnly}
        data-testid={props.testId}
        value={props.value}
        onChange={(event) => {
          setError(tryWrite(() => props.onWrite(event.currentTarget.value)))
          event.currentTarget.value = props.value
        }}
      >
        <Show when={!props.choices.some((c) => c.value === props.value)}>
          <option value={props.value}>{props.value || t('choice.none')}</option>
        </Show>
        <For each={props.choices}>{(choice) => <option value={choice.value}>{choice.label}</option>}</For>
      </select>
    </Wrap>
  )
}

export function CheckField(props: Common & { value: boolean; onWrite: (value: boolean) => void; id?: string }) {
  const id = props.id ?? createUniqueId()
  const [error, setError] = createSignal<string>()
  const presence = useFieldPresence(() => props.field, id)
  return (
    <div class={`field check ${props.class ?? ''}`} {...presence.box()}>
      <input
        type="checkbox"
        id={id}
        aria-label={props.hideLabel ? props.label : undefined}
        aria-describedby={presence.describedBy()}
        disabled={props.readOnly}
        checked={props.value}
        data-testid={props.testId}
        onChange={(event) => {
          setError(tryWrite(() => props.onWrite(event.currentTarget.checked)))
          event.currentTarget.checked = props.value
        }}
      />
      <Show when={!props.hideLabel}>
        <label for={id}>{props.label}</label>
      </Show>
      <Show when={error()}>
        <span class="field-error" role="alert">
          {error()}
        </span>
      </Show>
      <presence.Tags />
    </div>
  )
}
