// The list of proposals: search by title or number, filter by status, open one, or create one (blank or from a template).
import { createMemo, createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js'
import type { ProposalStatus } from '../../../shared/proposal'
import { api, ApiError, lastLoaded } from '../api'
import { formatDateTime, t } from '../i18n'
import { Link, navigate } from '../router'
import { currentUser } from '../session'
import { templateChoices } from '../templates'
import './list.css'

const searchDelayMs = 200

// Listed here rather than imported from shared/proposal, which would bring zod into the first page; `satisfies` keeps it complete.
const statusOrder = { draft: 0, cosigning: 1, cosigned: 2, released: 3 } satisfies Record<ProposalStatus, number>
const statuses = Object.keys(statusOrder) as ProposalStatus[]

export default function ProposalList() {
  document.title = `${t('list.title')} – Mitzeichnung`
  const [search, setSearch] = createSignal('')
  const [query, setQuery] = createSignal('')
  const [statusFilter, setStatusFilter] = createSignal<ProposalStatus | ''>('')
  let searchTimer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(searchTimer))

  const onSearchInput = (value: string) => {
    setSearch(value)
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => setQuery(value.trim()), searchDelayMs)
  }
  const [proposals] = createResource(query, (q) => api.listProposals(q))
  // Department names come with the model (and zod): fetched after the list shows, which also warms the board's cache.
  const [names] = createResource(() => import('../departments'))
  const departmentName = (id: string) => lastLoaded(names)?.departmentLabel(id) ?? ''
  // The status filter works on what the search returned; the API searches only title and number.
  const shown = createMemo(() => (lastLoaded(proposals) ?? []).filter((p) => !statusFilter() || p.status === statusFilter()))

  return (
    <>
      <section class="card" aria-labelledby="list-heading">
        <div class="section-head">
          <h1 id="list-heading">{t('list.title')}</h1>
          <div class="list-filters">
            <form
              role="search"
              class="search"
              onSubmit={(event) => {
                event.preventDefault()
                clearTimeout(searchTimer)
                setQuery(search().trim())
              }}
            >
              <label for="search">{t('list.search')}</label>
              <input
                id="search"
                type="search"
                placeholder={t('list.searchPlaceholder')}
                autocomplete="off"
                value={search()}
                onInput={(event) => onSearchInput(event.currentTarget.value)}
              />
            </form>
            <div class="search">
              <label for="status-filter">{t('list.statusFilter')}</label>
              <select id="status-filter" value={statusFilter()} onChange={(event) => setStatusFilter(event.currentTarget.value as ProposalStatus | '')}>
                <option value="">{t('list.allStatuses')}</option>
                <For each={statuses}>{(status) => <option value={status}>{t(`status.${status}`)}</option>}</For>
              </select>
            </div>
          </div>
        </div>

        <Switch>
          <Match when={proposals.error}>
            <p class="error" role="alert">
              {t('list.loadError', { message: (proposals.error as Error).message })}
            </p>
          </Match>
          <Match when={proposals.state === 'unresolved' || proposals.state === 'pending'}>
            <p class="muted">{t('app.loading')}</p>
          </Match>
          <Match when={shown().length === 0}>
            <p class="muted" data-testid="empty-list">
              {query() ? t('list.noMatch', { query: query() }) : statusFilter() && lastLoaded(proposals)?.length ? t('list.noMatchStatus') : t('list.empty')}
            </p>
          </Match>
          <Match when={shown().length > 0}>
            <div class="table-wrap">
              <table class="proposals" aria-busy={proposals.loading} data-testid="proposal-list">
                <thead>
                  <tr>
                    <th scope="col">{t('list.number')}</th>
                    <th scope="col">{t('list.titleColumn')}</th>
                    <th scope="col">{t('list.status')}</th>
                    <th scope="col" class="lead">
                      {t('list.lead')}
                    </th>
                    <th scope="col" class="changed">
                      {t('list.changed')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={shown()}>
                    {(proposal) => (
                      <tr data-testid="proposal-row" data-id={proposal.id}>
                        <td class="number">{proposal.number || <span class="muted">{t('list.noNumber')}</span>}</td>
                        <td class="title">
                          <Link href={`/p/${proposal.id}`}>{proposal.title}</Link>
                        </td>
                        <td>
                          <span class={`status status-${proposal.status}`}>{t(`status.${proposal.status}`)}</span>
                        </td>
                        <td class="lead">{departmentName(proposal.leadDepartmentId)}</td>
                        <td class="muted changed">
                          <time datetime={proposal.updatedAt}>{formatDateTime(proposal.updatedAt)}</time>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Match>
        </Switch>
      </section>

      <Show when={currentUser()?.role !== 'viewer'} fallback={<p class="muted">{t('create.viewer')}</p>}>
        <CreateProposalForm />
      </Show>
    </>
  )
}

function CreateProposalForm() {
  const [title, setTitle] = createSignal('')
  const [number, setNumber] = createSignal('')
  const [template, setTemplate] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setError('')
    setBusy(true)
    try {
      const created = await api.createProposal({ title: title(), number: number(), ...(template() ? { template: template() } : {}) })
      navigate(`/p/${created.id}`)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure))
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('create.title')}</h2>
      <form class="create" onSubmit={submit}>
        <div class="field grow">
          <label for="new-title">{t('create.titleField')}</label>
          <input id="new-title" name="title" required maxLength={300} autocomplete="off" value={title()} onInput={(event) => setTitle(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="new-number">{t('create.number')}</label>
          <input
            id="new-number"
            name="number"
            placeholder={t('create.numberPlaceholder')}
            autocomplete="off"
            aria-describedby="new-number-hint"
            value={number()}
            onInput={(event) => setNumber(event.currentTarget.value)}
          />
          <small id="new-number-hint" class="hint">
            {t('create.numberHint')}
          </small>
        </div>
        <div class="field">
          <label for="new-template">{t('create.template')}</label>
          <select id="new-template" name="template" value={template()} aria-describedby="new-template-hint" onChange={(event) => setTemplate(event.currentTarget.value)}>
            <option value="">{t('create.blank')}</option>
            <For each={templateChoices}>{(choice) => <option value={choice.id}>{choice.label}</option>}</For>
          </select>
          <small id="new-template-hint" class="hint">
            {t('create.templateHint')}
          </small>
        </div>
        <div class="field actions">
          <button type="submit" disabled={busy()}>
            {busy() ? t('create.busy') : t('create.submit')}
          </button>
        </div>
      </form>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="create-error">
          {t('create.error', { message: error() })}
        </p>
      </Show>
    </section>
  )
}
