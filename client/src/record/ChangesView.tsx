// What changed in a department's sections since it signed: fetched when opened, shown as
// "where: before → now — who, department, when" in the board's words (change-labels.ts). Changes of another shape are shown
// field by field, as they come.
import { createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js'
import type * as Y from 'yjs'
import { api, lastLoaded, type ChangeAuthor, type SignatureChanges } from '../api'
import { formatDateTime, t } from '../i18n'
import { ChangedText } from './TextChange'
import { changePlace, fieldName, fieldValue, itemSummary, placeLabel } from './change-labels'
import { authorLine } from './authors'
import { sectionsLabel } from './labels'
import { changesAnchor } from './OutdatedBanner'

type PathChange = { path: string; before: unknown; after: unknown }

const isPathChange = (value: unknown): value is PathChange =>
  typeof value === 'object' && value !== null && typeof (value as PathChange).path === 'string' && ('before' in value || 'after' in value)

export function ChangesView(props: { proposalId: string; departmentId: string; doc: Y.Doc; own: boolean; emphasize: boolean }) {
  const [opened, setOpened] = createSignal(false)
  const [changes, { refetch }] = createResource(
    () => (opened() ? props.departmentId : undefined),
    (departmentId) => api.signatureChanges(props.proposalId, departmentId),
  )
  return (
    <details
      id={changesAnchor(props.departmentId)}
      class="changes"
      classList={{ emphasize: props.emphasize }}
      data-testid="signature-changes"
      onToggle={(event) => {
        if (event.currentTarget.open) {
          if (opened()) void refetch()
          else setOpened(true)
        }
      }}
    >
      <summary>{props.own ? t('changes.own') : t('changes.other')}</summary>
      <div class="changes-body" aria-live="polite">
        <Switch>
          <Match when={changes.error}>
            <p class="inline-error" role="alert">
              {t('changes.error', { message: (changes.error as Error).message })}
            </p>
          </Match>
          <Match when={changes.loading && !lastLoaded(changes)}>
            <p class="muted">{t('changes.loading')}</p>
          </Match>
          <Match when={lastLoaded(changes)}>{(data) => <ChangeList data={data()} doc={props.doc} />}</Match>
        </Switch>
        <button type="button" class="secondary small" onClick={() => void refetch()} disabled={changes.loading}>
          {t('changes.reload')}
        </button>
      </div>
    </details>
  )
}

function ChangeList(props: { data: SignatureChanges; doc: Y.Doc }) {
  const list = () => (Array.isArray(props.data.changes) ? props.data.changes : [props.data.changes])
  return (
    <>
      <p class="changes-since">
        {t('changes.since', { time: formatDateTime(props.data.signedAt), sections: sectionsLabel(props.data.sections ?? []) })}
      </p>
      <Show when={list().length > 0} fallback={<p class="muted">{t('changes.none')}</p>}>
        <ul class="change-list" data-testid="change-list">
          <For each={list()}>
            {(change) => (
              <li data-testid="change">
                {isPathChange(change) ? <PathChangeView change={change} doc={props.doc} /> : <ValueView value={change} />}
                <ChangeAuthors authors={(change as { authors?: ChangeAuthor[] }).authors} />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  )
}

/** " — Jonas Weber, Sozialamt, 30.11. 18:04": the people the server stamped on the change. */
function ChangeAuthors(props: { authors: ChangeAuthor[] | undefined }) {
  return (
    <Show when={props.authors?.length}>
      <span class="change-authors" data-testid="change-authors">
        {' — '}
        {props.authors!.map(authorLine).join('; ')}
      </span>
    </Show>
  )
}

/** Texts longer than this are compared word by word rather than shown twice. */
const longText = 80

/**
 * One change: where ("Finanzielle Auswirkungen › OMID › Finanzbedarf 2023"), then what: a new or removed
 * item or budget year with its content, a long text word by word, or a value "before → now".
 */
function PathChangeView(props: { change: PathChange; doc: Y.Doc }) {
  const place = () => changePlace(props.change.path)
  const { before, after } = props.change
  // A whole item or a budget year comes or goes; a field of an item only changes (empty → filled is a change).
  const comesOrGoes = () => place().field === 'years' || (place().itemId !== undefined && place().field === undefined)
  const added = () => comesOrGoes() && before === undefined
  const removed = () => comesOrGoes() && after === undefined
  const value = (v: unknown) => (place().field === undefined ? itemSummary(place().section, v) : fieldValue(place().section, place().field!, v))
  const long = () => typeof before === 'string' && typeof after === 'string' && (place().section === 'body' || Math.max(before.length, after.length) > longText)
  return (
    <>
      <span class="change-path">{placeLabel(place(), props.doc, after ?? before)}</span>{' '}
      <Switch>
        <Match when={place().field === 'years'}>
          <span class={`change-tag ${added() ? 'added' : 'removed'}`}>{added() ? t('changes.added') : t('changes.removed')}</span>
        </Match>
        <Match when={added()}>
          <span class="change-tag added">{t('changes.added')}</span> <ins>{value(after)}</ins>
        </Match>
        <Match when={removed()}>
          <span class="change-tag removed">{t('changes.removed')}</span> <del>{value(before)}</del>
        </Match>
        <Match when={long()}>
          <ChangedText before={before as string} after={after as string} />
        </Match>
        <Match when={true}>
          <del title={t('changes.before')}>{value(before)}</del>
          <span class="arrow" aria-hidden="true">
            {' → '}
          </span>
          <span class="visually-hidden"> {t('changes.after')}: </span>
          <ins title={t('changes.after')}>{value(after)}</ins>
        </Match>
      </Switch>
    </>
  )
}

type TextPart = { value: string; added?: boolean; removed?: boolean }
const isTextParts = (value: unknown): value is TextPart[] =>
  Array.isArray(value) && value.length > 0 && value.every((p) => typeof p === 'object' && p !== null && typeof (p as TextPart).value === 'string')

/** Any other shape: text runs as insertions and deletions, objects as labelled fields, lists as lists. */
function ValueView(props: { value: unknown; depth?: number }): JSX.Element {
  const depth = () => props.depth ?? 0
  const value = props.value
  if (isTextParts(value)) {
    return (
      <span class="text-diff">
        <For each={value}>{(part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>)}</For>
      </span>
    )
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="muted">–</span>
    return (
      <ul class="value-list">
        <For each={value}>{(item) => <li>{depth() > 3 ? fieldValue('', '', item) : <ValueView value={item} depth={depth() + 1} />}</li>}</For>
      </ul>
    )
  }
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    )
    return (
      <dl class="value-fields">
        <For each={fields}>
          {([key, v]) => (
            <div>
              <dt>{fieldName('', key)}</dt>
              <dd>{depth() > 3 ? fieldValue('', key, v) : <ValueView value={v} depth={depth() + 1} />}</dd>
            </div>
          )}
        </For>
      </dl>
    )
  }
  return <span>{fieldValue('', '', value)}</span>
}
