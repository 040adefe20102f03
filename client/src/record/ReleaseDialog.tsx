// The lead's confirmation before "Freigeben": every unresolved point of the shared release checklist,
// and a reason field when hard points (missing or outdated signatures) need an override. A modal
// <dialog>: the browser keeps focus inside and Escape cancels; focus returns to the opening button.
import { createMemo, createSignal, For, onMount, Show } from 'solid-js'
import type * as Y from 'yjs'
import { canonicalSections, type CanonicalSections } from '../../../shared/model'
import { overrideReasonMinLength, releaseChecklist, type ReleaseProblem } from '../../../shared/release-checks'
import { api } from '../api'
import { departmentLabel } from '../departments'
import { t } from '../i18n'
import type { ProposalRecord } from './record-state'
import './release-dialog.css'

export function ReleaseDialog(props: { proposalId: string; doc: Y.Doc; record: ProposalRecord; onClose: (released: boolean) => void }) {
  let dialog!: HTMLDialogElement
  const [reason, setReason] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string>()
  // The content as it is when the dialog opens; the record (signatures, threads) stays live.
  const sections = readableSections(props.doc)
  const checklist = createMemo(() =>
    releaseChecklist({ involved: props.record.involved(), signatures: props.record.signatures(), threads: props.record.threads(), sections }),
  )
  const needsOverride = () => checklist().hard.length > 0
  const reasonTooShort = () => reason().trim().length < overrideReasonMinLength

  onMount(() => dialog.showModal())

  const close = (released: boolean) => {
    if (dialog.open) dialog.close()
    props.onClose(released)
  }
  const confirm = async (event: SubmitEvent) => {
    event.preventDefault()
    if (needsOverride() && reasonTooShort()) {
      setError(t('rel.overrideTooShort', { n: overrideReasonMinLength }))
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      await api.release(props.proposalId, needsOverride() ? { override: { reason: reason().trim() } } : {})
      close(true)
    } catch (e) {
      setError(t('rel.refused', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <dialog
      ref={dialog}
      class="release-dialog"
      aria-labelledby="release-dialog-title"
      aria-describedby="release-dialog-intro"
      data-testid="release-dialog"
      onCancel={(event) => {
        event.preventDefault()
        close(false)
      }}
    >
      <form noValidate onSubmit={(event) => void confirm(event)}>
        <h2 id="release-dialog-title">{t('rel.title')}</h2>
        <p id="release-dialog-intro">
          {checklist().hard.length + checklist().soft.length > 0 ? t('rel.intro') : t('rel.allClear')}
        </p>
        <Show when={checklist().hard.length > 0}>
          <h3 class="release-heading hard">{t('rel.hardHeading')}</h3>
          <ul class="release-problems hard" data-testid="release-hard">
            <For each={checklist().hard}>{(problem) => <li data-kind={problem.kind}>{describeProblem(problem)}</li>}</For>
          </ul>
        </Show>
        <Show when={checklist().soft.length > 0}>
          <h3 class="release-heading">{t('rel.softHeading')}</h3>
          <ul class="release-problems" data-testid="release-soft">
            <For each={checklist().soft}>{(problem) => <li data-kind={problem.kind}>{describeProblem(problem)}</li>}</For>
          </ul>
        </Show>
        <Show when={needsOverride()}>
          <label class="release-reason">
            <span>{t('rel.overrideLabel')}</span>
            <textarea
              rows={3}
              required
              minLength={overrideReasonMinLength}
              maxLength={2000}
              value={reason()}
              onInput={(event) => setReason(event.currentTarget.value)}
              aria-describedby="release-reason-hint"
              data-testid="release-reason"
              autofocus
            />
          </label>
          <p class="hint-line" id="release-reason-hint">
            {t('rel.overrideHint', { n: overrideReasonMinLength })}
          </p>
        </Show>
        <Show when={error()}>
          <p class="inline-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="release-actions">
          <button type="button" class="secondary" onClick={() => close(false)} disabled={busy()}>
            {t('rel.cancel')}
          </button>
          <button type="submit" disabled={busy()} data-testid="release-confirm" autofocus={!needsOverride()}>
            {needsOverride() ? t('rel.confirmOverride') : t('rel.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  )
}

function readableSections(doc: Y.Doc): CanonicalSections | undefined {
  try {
    return canonicalSections(doc)
  } catch {
    // A layout this client cannot read: no signature counts as current, which the list then shows.
    return undefined
  }
}

function describeProblem(problem: ReleaseProblem): string {
  switch (problem.kind) {
    case 'no-cosigners':
      return t('rel.noCosigners')
    case 'signature-missing':
      return t('rel.missing', { department: departmentLabel(problem.departmentId) })
    case 'signature-outdated':
      return t(problem.voided ? 'rel.voided' : 'rel.outdated', { department: departmentLabel(problem.departmentId) })
    case 'session-date-empty':
      return problem.committee.trim() ? t('rel.sessionDate', { committee: problem.committee }) : t('rel.sessionDateUnnamed')
    case 'thread-open':
      return t('rel.thread', { excerpt: problem.excerpt })
    case 'objection':
      return t('rel.objection', { department: departmentLabel(problem.departmentId), remark: problem.remark })
    case 'no-signatory':
      return t('rel.noSignatory')
  }
}
