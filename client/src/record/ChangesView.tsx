// What changed in a department's sections since it signed: fetched when opened, shown as
// "where: before → now — who, department, when". Changes of another shape are shown field by field.
import { createResource, createSignal, For, Match, Show, Switch, type JSX } from 'solid-js'
import type * as Y from 'yjs'
import { api, type ChangeAuthor, type SignatureChanges } from '../api'
import { formatDateTime, t } from '../i18n'
import { fieldLabel, readableChangeValue, readablePath, readableValue, sectionsLabel } from './labels'
import { authorLine } from './authors'
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
          <Match when={changes.loading && !changes.latest}>
            <p class="muted">{t('changes.loading')}</p>
          </Match>
          <Match when={changes.latest}>{(data) => <ChangeList data={data()} doc={props.doc} />}</Match>
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

function PathChangeView(props: { change: PathChange; doc: Y.Doc }) {
  const added = () => props.change.before === undefined && props.change.after !== undefined
  const removed = () => props.change.after === undefined && props.change.before !== undefined
  return (
    <>
      <span class="change-path">{readablePath(props.change.path, props.doc, props.change.after ?? props.change.before)}</span>
      <Switch>
        <Match when={added()}>
          <span class="change-tag added">{t('changes.added')}</span> <ins>{readableChangeValue(props.change.path, props.change.after)}</ins>
        </Match>
        <Match when={removed()}>
          <span class="change-tag removed">{t('changes.removed')}</span> <del>{readableChangeValue(props.change.path, props.change.before)}</del>
        </Match>
        <Match when={true}>
          <del title={t('changes.before')}>{readableChangeValue(props.change.path, props.change.before)}</del>
          <span class="arrow" aria-hidden="true">
            {' → '}
          </span>
          <span class="visually-hidden"> {t('changes.after')}: </span>
          <ins title={t('changes.after')}>{readableChangeValue(props.change.path, props.change.after)}</ins>
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
        <For each={value}>{(item) => <li>{depth() > 3 ? readableValue(item) : <ValueView value={item} depth={depth() + 1} />}</li>}</For>
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
              <dt>{fieldLabel(key)}</dt>
              <dd>{depth() > 3 ? readableValue(v) : <ValueView value={v} depth={depth() + 1} />}</dd>
            </div>
          )}
        </For>
      </dl>
    )
  }
  return <span>{readableValue(value)}</span>
}
