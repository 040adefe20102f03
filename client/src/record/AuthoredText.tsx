// A rich text read-only with each run of words coloured by its author: the Yjs items name their writer
// by client id, and the server's map (GET …/authors, stamped from sessions) names the person behind it.
import { createEffect, createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import * as Y from 'yjs'
import { api, lastLoaded, type ClientAuthor } from '../api'
import { t } from '../i18n'
import { authorTint, ownerLabel } from './authors'
import './authors.css'

type Run = { text: string; clientId: number }

/** The runs of one text: neighbouring letters of one writer read as one run. */
function runsOf(text: Y.XmlText, runs: Run[]): void {
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue
    const last = runs.at(-1)
    if (last && last.clientId === item.id.client) last.text += item.content.str
    else runs.push({ text: item.content.str, clientId: item.id.client })
  }
}

/** Every block that holds text (paragraph, heading, list item), in reading order, as runs. */
function blocksOf(type: Y.XmlFragment | Y.XmlElement, blocks: Run[][]): Run[][] {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) {
      const runs: Run[] = []
      runsOf(child, runs)
      blocks.push(runs)
    } else if (child instanceof Y.XmlElement) {
      const texts = child.toArray().filter((c): c is Y.XmlText => c instanceof Y.XmlText)
      if (texts.length === 0) blocksOf(child, blocks)
      else {
        const runs: Run[] = []
        for (const text of texts) runsOf(text, runs)
        blocks.push(runs)
      }
    }
  }
  return blocks
}

/** The fragment as coloured runs, following its changes; a legend names each author. */
export function AuthoredText(props: { proposalId: string; fragment: Y.XmlFragment }) {
  const [changed, setChanged] = createSignal(0)
  const bump = () => setChanged((n) => n + 1)
  props.fragment.observeDeep(bump)
  onCleanup(() => props.fragment.unobserveDeep(bump))
  const blocks = createMemo(() => (changed(), blocksOf(props.fragment, [])))

  const [authors, { refetch }] = createResource(() => props.proposalId, api.authors)
  const owners = createMemo(() => new Map((lastLoaded(authors) ?? []).map((owner) => [owner.clientId, owner])))
  // Someone new wrote since the map was read, or the last ask failed: ask again, at most every few seconds.
  let askedAt = 0
  createEffect(() => {
    if (authors.loading || (!lastLoaded(authors) && !authors.error)) return
    const unknown = blocks().some((runs) => runs.some((run) => !owners().has(run.clientId)))
    if (unknown && performance.now() - askedAt > 3000) {
      askedAt = performance.now()
      void refetch()
    }
  })
  const legend = createMemo(() => {
    const seen = new Map<string, ClientAuthor | undefined>()
    for (const runs of blocks()) for (const run of runs) {
      const owner = owners().get(run.clientId)
      const key = owner ? (owner.userId ?? 'system') : 'unknown'
      if (!seen.has(key)) seen.set(key, owner)
    }
    return [...seen.values()]
  })

  return (
    <div class="authored" data-testid="authored-text">
      <Show when={authors.error}>
        <p class="inline-error" role="alert">
          {t('authors.error', { message: (authors.error as Error).message })}
        </p>
      </Show>
      <Show when={lastLoaded(authors)} fallback={!authors.error && <p class="muted">{t('authors.loading')}</p>}>
        <ul class="author-legend" aria-label={t('authors.legend')} data-testid="author-legend">
          <For each={legend()}>
            {(owner) => (
              <li>
                <span class="author-swatch" style={{ 'background-color': authorTint(owner) }} aria-hidden="true" />
                {ownerLabel(owner)}
              </li>
            )}
          </For>
        </ul>
        <div class="authored-text">
          <Show when={blocks().length > 0} fallback={<p class="muted">{t('authors.empty')}</p>}>
            <For each={blocks()}>
              {(runs) => (
                <p>
                  <For each={runs}>
                    {(run) => (
                      <span
                        class="authored-run"
                        data-author={ownerLabel(owners().get(run.clientId))}
                        title={ownerLabel(owners().get(run.clientId))}
                        style={{ 'background-color': authorTint(owners().get(run.clientId)) }}
                      >
                        {run.text}
                      </span>
                    )}
                  </For>
                </p>
              )}
            </For>
          </Show>
        </div>
      </Show>
    </div>
  )
}

/** The "Autoren zeigen" switch: a view of the server's record, open to everyone who reads (hence data-record). */
export function AuthorsToggle(props: { shown: boolean; onChange: (shown: boolean) => void }) {
  return (
    <button
      type="button"
      class="secondary small"
      aria-pressed={props.shown}
      data-testid="authors-toggle"
      data-record
      onClick={() => props.onChange(!props.shown)}
    >
      {props.shown ? t('authors.hide') : t('authors.show')}
    </button>
  )
}
