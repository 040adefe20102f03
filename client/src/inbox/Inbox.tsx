// The first thing after sign-in: what awaits me or my department across all proposals — signatures
// owed (overdue first), outdated ones, mentions, answers, and what my proposals wait for. It refreshes
// when the live channel says so, filters by kind and text, and every entry links to its place on the board.
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js'
import { inboxKinds, type InboxDeadline, type InboxEntry, type InboxKind } from '../../../shared/inbox'
import { api, lastLoaded } from '../api'
import { formatDateTime, t } from '../i18n'
import { Link } from '../router'
import { DeadlineChips } from './DeadlineChips'
import { liveVersion } from './live-channel'
import './inbox.css'

export function Inbox() {
  const [inbox] = createResource(liveVersion, () => api.inbox())
  // Department names come with the model (and zod): loaded after the inbox shows.
  const [names] = createResource(() => import('../departments'))
  const department = (id: string) => lastLoaded(names)?.departmentLabel(id) ?? id
  const [hidden, setHidden] = createSignal<ReadonlySet<InboxKind>>(new Set())
  const [query, setQuery] = createSignal('')
  const entries = () => lastLoaded(inbox)?.entries ?? []
  const counts = createMemo(() => new Map(inboxKinds.map((kind) => [kind, entries().filter((e) => e.kind === kind).length])))
  const shown = createMemo(() => {
    const words = query().trim().toLowerCase()
    return entries().filter((e) => !hidden().has(e.kind) && (!words || `${e.number} ${e.title} ${'excerpt' in e ? e.excerpt : ''}`.toLowerCase().includes(words)))
  })
  const toggle = (kind: InboxKind, on: boolean) =>
    setHidden((set) => {
      const next = new Set(set)
      if (on) next.delete(kind)
      else next.add(kind)
      return next
    })

  return (
    <section class="card inbox" aria-labelledby="inbox-heading" data-testid="inbox">
      <div class="section-head">
        <h1 id="inbox-heading">{t('inbox.title')}</h1>
        <div class="search">
          <label for="inbox-search">{t('inbox.search')}</label>
          <input id="inbox-search" type="search" autocomplete="off" value={query()} onInput={(event) => setQuery(event.currentTarget.value)} data-testid="inbox-search" />
        </div>
      </div>
      <fieldset class="inbox-filter">
        <legend class="visually-hidden">{t('inbox.filter')}</legend>
        <For each={inboxKinds.filter((kind) => (counts().get(kind) ?? 0) > 0)}>
          {(kind) => (
            <label class="filter-chip" data-testid={`inbox-filter-${kind}`}>
              <input type="checkbox" checked={!hidden().has(kind)} onChange={(event) => toggle(kind, event.currentTarget.checked)} />
              {t(`inbox.kind.${kind}`)} <span class="count">{counts().get(kind)}</span>
            </label>
          )}
        </For>
      </fieldset>
      <Switch>
        <Match when={inbox.error}>
          <p class="error" role="alert">
            {t('inbox.loadError', { message: (inbox.error as Error).message })}
          </p>
        </Match>
        <Match when={!lastLoaded(inbox)}>
          <p class="muted">{t('app.loading')}</p>
        </Match>
        <Match when={entries().length === 0}>
          <p class="muted" data-testid="inbox-empty">
            {t('inbox.empty')}
          </p>
        </Match>
        <Match when={shown().length === 0}>
          <p class="muted">{t('inbox.noMatch')}</p>
        </Match>
        <Match when={true}>
          <ul class="inbox-list" aria-busy={inbox.loading}>
            <For each={shown()}>{(entry) => <InboxItem entry={entry} department={department} />}</For>
          </ul>
        </Match>
      </Switch>
    </section>
  )
}

function InboxItem(props: { entry: InboxEntry; department: (id: string) => string }) {
  const e = () => props.entry
  const label = () => `${e().number ? `GRDrs ${e().number} · ` : ''}${e().title}`
  const what = (): string => {
    const entry = e()
    switch (entry.kind) {
      case 'awaiting':
      case 'outdated':
        return t(`inbox.${entry.kind}`, { department: props.department(entry.departmentId) })
      case 'mention':
      case 'reply':
        return t(`inbox.${entry.kind}`, { author: entry.authorName })
      case 'waiting':
        return t('inbox.waiting', { departments: entry.departments.map((d) => props.department(d.departmentId)).join(', ') })
    }
  }
  const comment = () => {
    const entry = e()
    return entry.kind === 'mention' || entry.kind === 'reply' ? entry : undefined
  }
  const deadline = (): InboxDeadline | undefined => {
    const entry = e()
    if (entry.kind === 'awaiting' || entry.kind === 'outdated') return entry
    // What my proposal waits for: the most pressing deadline.
    if (entry.kind === 'waiting') return entry.departments[0]
    return undefined
  }
  return (
    <li class="inbox-item" classList={{ overdue: !!deadline()?.passed }} data-testid="inbox-entry" data-kind={e().kind} data-proposal={e().proposalId}>
      <span class={`inbox-kind kind-${e().kind}`}>{t(`inbox.kind.${e().kind}`)}</span>
      <div class="inbox-body">
        <Link href={e().href} class="inbox-link" data-testid="inbox-link">
          {label()}
        </Link>
        <p class="inbox-what">{what()}</p>
        <Show when={comment()}>
          {(c) => (
            <p class="inbox-excerpt">
              „{c().excerpt}“ · <time datetime={c().at}>{formatDateTime(c().at)}</time>
            </p>
          )}
        </Show>
      </div>
      <Show when={deadline()}>{(d) => <DeadlineChips deadline={d()} />}</Show>
    </li>
  )
}
