// Versions of a proposal: save the current state under a name, list, view, compare, restore, export.
import { createResource, createSignal, For, Show } from 'solid-js'
import type { VersionSummary } from '../../../shared/versions'
import { api, ApiError, lastLoaded } from '../api'
import { formatDateTime, t } from '../i18n'
import { Link } from '../router'
import { CompareAuthors } from '../versions/CompareAuthors'
import { DiffView } from '../versions/DiffView'
import { exportUrl, versionsApi, type DiffAnswer } from '../versions/versions-api'
import '../versions/versions.css'

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

// Not `ref`: Solid reserves that prop name for element references and never passes it through.
function ExportLinks(props: { proposalId: string; versionRef: string; label: string }) {
  const link = (format: 'docx' | 'pdf' | 'json', text: string) => (
    <a class="export-link" href={exportUrl(props.proposalId, props.versionRef, format)} download="" data-testid={`export-${format}`} aria-label={`${text}: ${props.label}`}>
      {text}
    </a>
  )
  return (
    <span class="export-links">
      {link('docx', t('v.exportDocx'))}
      {link('pdf', t('v.exportPdf'))}
      {link('json', t('v.exportOparl'))}
    </span>
  )
}

/** The released paper's stable URL on the OParl endpoint, which the council information system reads. */
function OparlPaperLink(props: { proposalId: string }) {
  const [link] = createResource(() => props.proposalId, versionsApi.oparl)
  const published = () => {
    const current = lastLoaded(link)
    return current?.enabled && current.paperUrl ? current : undefined
  }
  return (
    <Show when={published()}>
      {(shown) => (
        <p class="oparl-link" data-testid="oparl-link">
          {t('v.oparlPaper')}{' '}
          <a href={shown().paperUrl} data-testid="oparl-paper-url">
            {shown().paperUrl}
          </a>
          <Show when={!shown().published}>
            <br />
            <span class="muted">{t('v.oparlWithdrawn')}</span>
          </Show>
        </p>
      )}
    </Show>
  )
}

export default function VersionsPage(props: { id: string }) {
  const [rights] = createResource(() => props.id, api.rights)
  const [versions, { refetch }] = createResource(() => props.id, versionsApi.list)
  const [name, setName] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [message, setMessage] = createSignal<{ error: boolean; text: string }>()
  const [from, setFrom] = createSignal<string>()
  const [to, setTo] = createSignal('draft')
  const [diff, setDiff] = createSignal<DiffAnswer>()

  const canEdit = () => Boolean(lastLoaded(rights)?.canEdit)
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setMessage(undefined)
    try {
      await work()
    } catch (error) {
      setMessage({ error: true, text: error instanceof ApiError ? error.message : errorText(error) })
    } finally {
      setBusy(false)
    }
  }

  const save = (event: SubmitEvent) => {
    event.preventDefault()
    void run(async () => {
      await versionsApi.create(props.id, name().trim())
      setName('')
      await refetch()
    })
  }
  const compare = (fromRef: string, toRef = to()) =>
    run(async () => {
      setFrom(fromRef)
      setTo(toRef)
      setDiff(await versionsApi.diff(props.id, fromRef, toRef))
    })
  const restore = (version: VersionSummary) => {
    if (!confirm(t('v.restoreConfirm'))) return
    void run(async () => {
      await versionsApi.restore(props.id, version.id)
      setMessage({ error: false, text: t('v.restored') })
      await refetch()
    })
  }
  const label = (ref: string | undefined) => (ref === 'draft' ? t('v.draft') : (lastLoaded(versions)?.find((v) => v.id === ref)?.name ?? ''))

  return (
    <article class="versions-page" aria-labelledby="versions-heading">
      <div class="board-bar">
        <Link href={`/p/${props.id}`} class="back-link">
          {t('v.back')}
        </Link>
        <h1 id="versions-heading">{t('v.title')}</h1>
      </div>
      <Show when={message()}>
        {(shownMessage) => (
          <p class={shownMessage().error ? 'error' : 'notice-bar'} role={shownMessage().error ? 'alert' : 'status'} data-testid="versions-message">
            {shownMessage().text}
          </p>
        )}
      </Show>

      <section class="card">
        <h2 data-testid="draft-heading">{lastLoaded(rights)?.status === 'released' ? t('v.releasedHeading') : t('v.draftHeading')}</h2>
        <ExportLinks proposalId={props.id} versionRef="draft" label={t('v.draft')} />
        <OparlPaperLink proposalId={props.id} />
        <Show when={canEdit()}>
          <form class="version-form" onSubmit={save}>
            <div class="field grow">
              <label for="version-name">{t('v.name')}</label>
              <input
                id="version-name"
                required
                maxLength={200}
                placeholder={t('v.namePlaceholder')}
                value={name()}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            </div>
            <button type="submit" disabled={busy() || !name().trim()}>
              {busy() ? t('v.saving') : t('v.save')}
            </button>
          </form>
        </Show>
      </section>

      <section class="card">
        <h2>{t('v.list')}</h2>
        <Show when={versions.error}>
          <p class="error">{t('v.loadError', { message: errorText(versions.error) })}</p>
        </Show>
        <Show when={(lastLoaded(versions) ?? []).length > 0} fallback={!versions.error && <p class="muted">{t('v.none')}</p>}>
          <table class="versions">
            <thead>
              <tr>
                <th scope="col">{t('v.number')}</th>
                <th scope="col">{t('v.name')}</th>
                <th scope="col">{t('v.origin')}</th>
                <th scope="col">{t('v.madeBy')}</th>
                <th scope="col">{t('v.when')}</th>
                <th scope="col">{t('v.hash')}</th>
                <th scope="col">{t('v.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={lastLoaded(versions)}>
                {(version) => (
                  <tr data-testid="version-row" data-version={version.id}>
                    <td>{version.number}</td>
                    <td>{version.name}</td>
                    <td>{t(`v.origin.${version.origin}`)}</td>
                    <td>{version.createdBy.name}</td>
                    <td>{formatDateTime(version.createdAt)}</td>
                    <td>
                      <code title={version.contentHash}>{version.contentHash.slice(0, 10)}</code>
                    </td>
                    <td class="version-actions">
                      <Link href={`/p/${props.id}/versions/${version.id}`}>{t('v.view')}</Link>
                      <button type="button" class="link-button" onClick={() => void compare(version.id, 'draft')}>
                        {t('v.compare')}
                      </button>
                      <Show when={canEdit()}>
                        <button type="button" class="link-button" disabled={busy()} onClick={() => restore(version)}>
                          {t('v.restore')}
                        </button>
                      </Show>
                      <ExportLinks proposalId={props.id} versionRef={version.id} label={version.name} />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>

      <section class="card" aria-labelledby="compare-heading">
        <h2 id="compare-heading">{t('v.compareHeading')}</h2>
        <div class="compare-pickers">
          <label>
            {t('v.from')}{' '}
            <select value={from() ?? ''} onChange={(event) => void compare(event.currentTarget.value)}>
              <option value="" disabled>
                –
              </option>
              <For each={lastLoaded(versions)}>{(version) => <option value={version.id}>{version.number}. {version.name}</option>}</For>
            </select>
          </label>
          <label>
            {t('v.to')}{' '}
            <select value={to()} onChange={(event) => from() && void compare(from()!, event.currentTarget.value)}>
              <option value="draft">{t('v.draft')}</option>
              <For each={lastLoaded(versions)}>{(version) => <option value={version.id}>{version.number}. {version.name}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={diff()}>
          {(answer) => (
            <>
              <p class="muted">
                {label(answer().from.ref) || answer().from.label} → {label(answer().to.ref) || answer().to.label}
              </p>
              <DiffView diff={answer().diff} />
              <CompareAuthors proposalId={props.id} toRef={answer().to.ref} label={label(answer().to.ref) || answer().to.label} />
            </>
          )}
        </Show>
      </section>
    </article>
  )
}
