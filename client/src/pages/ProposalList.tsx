// The list of proposals: search by title or number, open one, or create a new one.
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js'
import { api, ApiError } from '../api'
import { formatDateTime, statusLabel } from '../labels'
import { Link, navigate } from '../router'

const searchDelayMs = 200

export default function ProposalList() {
  document.title = 'Vorlagen – Mitzeichnung'
  const [search, setSearch] = createSignal('')
  const [query, setQuery] = createSignal('')
  let searchTimer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(searchTimer))

  const onSearchInput = (value: string) => {
    setSearch(value)
    clearTimeout(searchTimer)
    searchTimer = setTimeout(() => setQuery(value.trim()), searchDelayMs)
  }
  const [proposals] = createResource(query, (q) => api.listProposals(q))

  return (
    <>
      <section class="card" aria-labelledby="list-heading">
        <div class="section-head">
          <h1 id="list-heading">Vorlagen</h1>
          <form
            role="search"
            class="search"
            onSubmit={(event) => {
              event.preventDefault()
              clearTimeout(searchTimer)
              setQuery(search().trim())
            }}
          >
            <label for="search">Suchen</label>
            <input
              id="search"
              type="search"
              placeholder="Titel oder Nummer"
              autocomplete="off"
              value={search()}
              onInput={(event) => onSearchInput(event.currentTarget.value)}
            />
          </form>
        </div>

        <Switch>
          <Match when={proposals.error}>
            <p class="error" role="alert">
              Die Vorlagen konnten nicht geladen werden: {(proposals.error as Error).message}
            </p>
          </Match>
          <Match when={proposals.state === 'unresolved' || proposals.state === 'pending'}>
            <p class="muted">Wird geladen …</p>
          </Match>
          <Match when={proposals.latest?.length === 0}>
            <p class="muted" data-testid="empty-list">
              {query() ? `Keine Vorlage passt zu „${query()}“.` : 'Noch keine Vorlagen. Legen Sie unten die erste an.'}
            </p>
          </Match>
          <Match when={proposals.latest}>
            {(list) => (
              <div class="table-wrap">
                <table class="proposals" aria-busy={proposals.loading} data-testid="proposal-list">
                  <thead>
                    <tr>
                      <th scope="col">Nummer</th>
                      <th scope="col">Titel</th>
                      <th scope="col">Status</th>
                      <th scope="col" class="changed">
                        Zuletzt geändert
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(proposal) => (
                        <tr data-testid="proposal-row" data-id={proposal.id}>
                          <td class="number">{proposal.number || <span class="muted">ohne Nummer</span>}</td>
                          <td class="title">
                            <Link href={`/p/${proposal.id}`}>{proposal.title}</Link>
                          </td>
                          <td>
                            <span class={`status status-${proposal.status}`}>{statusLabel[proposal.status]}</span>
                          </td>
                          <td class="muted changed">
                            <time datetime={proposal.updatedAt}>{formatDateTime(proposal.updatedAt)}</time>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            )}
          </Match>
        </Switch>
      </section>

      <CreateProposalForm />
    </>
  )
}

function CreateProposalForm() {
  const [title, setTitle] = createSignal('')
  const [number, setNumber] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setError('')
    setBusy(true)
    try {
      const created = await api.createProposal({ title: title(), number: number() })
      navigate(`/p/${created.id}`)
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : String(failure))
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Neue Vorlage</h2>
      <form class="create" onSubmit={submit}>
        <div class="field grow">
          <label for="new-title">Titel</label>
          <input
            id="new-title"
            name="title"
            required
            maxLength={300}
            autocomplete="off"
            value={title()}
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="new-number">Drucksachennummer</label>
          <input
            id="new-number"
            name="number"
            placeholder="z. B. 949/2019"
            autocomplete="off"
            aria-describedby="new-number-hint"
            value={number()}
            onInput={(event) => setNumber(event.currentTarget.value)}
          />
          <small id="new-number-hint" class="hint">
            Optional, Form 949/2019
          </small>
        </div>
        <div class="field actions">
          <button type="submit" disabled={busy()}>
            {busy() ? 'Wird angelegt …' : 'Anlegen'}
          </button>
        </div>
      </form>
      <Show when={error()}>
        <p class="error" role="alert" data-testid="create-error">
          Die Vorlage konnte nicht angelegt werden: {error()}
        </p>
      </Show>
    </section>
  )
}
