// One proposal: its title and notes, edited live together with everyone who has it open.
import { createEffect, createResource, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import type { ProposalSummary } from '../../../shared/proposal'
import { notesText, titleText } from '../../../shared/proposal-doc'
import { api, ApiError } from '../api'
import { ConnectionBadge } from '../ConnectionBadge'
import { statusLabel } from '../labels'
import { Link } from '../router'
import { connectProposal } from '../sync'
import { bindText } from '../text-binding'

export default function ProposalPage(props: { id: string }) {
  const [proposal] = createResource(() => props.id, api.getProposal)
  return (
    <>
      <p class="back">
        <Link href="/">← Alle Vorlagen</Link>
      </p>
      <Switch fallback={<p class="muted">Wird geladen …</p>}>
        <Match when={proposal.error instanceof ApiError && (proposal.error as ApiError).status === 404}>
          <section class="card notice" data-testid="not-found">
            <h1>Vorlage nicht gefunden</h1>
            <p>Diese Vorlage gibt es nicht (mehr). Vielleicht ist der Link unvollständig.</p>
          </section>
        </Match>
        <Match when={proposal.error}>
          <p class="error" role="alert">
            Die Vorlage konnte nicht geladen werden: {(proposal.error as Error).message}
          </p>
        </Match>
        <Match when={proposal.state === 'ready' && proposal()}>{(summary) => <ProposalEditor proposal={summary()} />}</Match>
      </Switch>
    </>
  )
}

function ProposalEditor(props: { proposal: ProposalSummary }) {
  const connection = connectProposal(props.proposal.id)
  const title = titleText(connection.doc)
  const [liveTitle, setLiveTitle] = createSignal(props.proposal.title)
  const onTitle = () => setLiveTitle(title.toString())
  title.observe(onTitle)

  let titleField!: HTMLInputElement
  let notesField!: HTMLTextAreaElement
  const unbind: (() => void)[] = []
  onMount(() => {
    unbind.push(bindText(titleField, title), bindText(notesField, notesText(connection.doc)))
  })
  onCleanup(() => {
    for (const stop of unbind) stop()
    title.unobserve(onTitle)
    connection.destroy()
  })
  createEffect(() => {
    document.title = `${liveTitle().trim() || 'Ohne Titel'} – Mitzeichnung`
  })

  // Until the first sync the fields are empty, and typing would mix with the stored text; after a
  // final close nothing typed would reach the server.
  const readOnly = () => !connection.loaded() || connection.closed() !== undefined

  return (
    <article class="card proposal" aria-labelledby="proposal-heading">
      <h1 id="proposal-heading" class="visually-hidden">
        {liveTitle() || 'Vorlage ohne Titel'}
      </h1>
      <div class="proposal-head">
        <p class="meta">
          <span class="number">{props.proposal.number ? `GRDrs ${props.proposal.number}` : 'ohne Nummer'}</span>
          <span class={`status status-${props.proposal.status}`}>{statusLabel[props.proposal.status]}</span>
        </p>
        <ConnectionBadge connection={connection} />
      </div>

      <Show when={connection.closed()}>
        {(closed) => (
          <p class="error" role="alert" data-testid="connection-closed" data-code={closed().code}>
            Die Verbindung wurde vom Server beendet: {closed().reason || 'ohne Angabe von Gründen'} (Code {closed().code}).
            Bitte laden Sie die Seite neu.
          </p>
        )}
      </Show>

      <form class="editor" onSubmit={(event) => event.preventDefault()} aria-busy={!connection.loaded()}>
        <div class="field">
          <label for="proposal-title">Titel</label>
          <input id="proposal-title" class="title-input" ref={titleField} readOnly={readOnly()} autocomplete="off" />
        </div>
        <div class="field">
          <label for="proposal-notes">Notizen</label>
          <textarea id="proposal-notes" ref={notesField} rows={14} readOnly={readOnly()} aria-describedby="notes-hint" />
          <small id="notes-hint" class="hint">
            Änderungen werden sofort gespeichert und erscheinen bei allen, die diese Vorlage geöffnet haben.
          </small>
        </div>
      </form>
    </article>
  )
}
