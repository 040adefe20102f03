// "Mitzeichnung der beteiligten Stellen" on the board: each involved department's stance, remark, signer,
// time and sections, current or outdated live; the lead's round controls; the signer's form; the Verlauf.
import { createMemo, createSignal, For, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import type * as Y from 'yjs'
import type { SessionUser } from '../../../shared/identity'
import { api } from '../api'
import { t } from '../i18n'
import { AuditLog } from './AuditLog'
import { CosignEntry } from './CosignEntry'
import type { ProposalRecord } from './record-state'
import './record-common.css'
import './cosign.css'

// Shown to leads only, or after a click: loaded then, not with the board (each in its own
// Suspense, so loading one never blanks the page).
const InvolvementForm = lazy(() => import('./InvolvementForm').then((m) => ({ default: m.InvolvementForm })))
const ReleaseDialog = lazy(() => import('./ReleaseDialog').then((m) => ({ default: m.ReleaseDialog })))

export function CosignSection(props: { proposalId: string; doc: Y.Doc; record: ProposalRecord; user: SessionUser }) {
  const record = props.record
  const signatureOf = (departmentId: string) => record.signatures().find((s) => s.departmentId === departmentId)
  const status = () => record.status()
  const mayBeSigned = () => status() === 'cosigning' || status() === 'cosigned'
  // Keyed by department id: a record change brings new objects, and re-creating an entry would drop the focus inside it.
  const involvedIds = createMemo(() => record.involved().map((d) => d.departmentId), undefined, {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  })
  const involvementOf = (departmentId: string) => record.involved().find((d) => d.departmentId === departmentId)!
  const currentCount = createMemo(
    () => record.involved().filter((d) => record.currentByDepartment()?.get(d.departmentId) === true).length,
  )
  return (
    <section
      class="board-section cosign"
      id="section-cosign"
      aria-labelledby="heading-cosign"
      data-section="cosign"
      data-record
      data-testid="cosign-panel"
    >
      <header class="board-section-head">
        <h2 id="heading-cosign">{t('cosign.title')}</h2>
        <div class="board-section-aside cosign-summary">
          <Show when={status()}>
            {(s) => (
              <span class={`status status-${s()}`} data-testid="cosign-status" data-status={s()}>
                {t(`status.${s()}`)}
              </span>
            )}
          </Show>
          <Show when={record.involved().length > 0 && status() !== 'draft'}>
            <span class="muted" data-testid="cosign-progress">
              {t('cosign.progress', { n: currentCount(), total: record.involved().length })}
            </span>
          </Show>
        </div>
      </header>

      <Show when={record.involved().length > 0} fallback={<p class="muted empty">{status() ? t('cosign.none') : t('app.loading')}</p>}>
        <ul class="cosign-list" aria-label={t('cosign.entries')}>
          <For each={involvedIds()}>
            {(departmentId) => (
              <CosignEntry
                proposalId={props.proposalId}
                doc={props.doc}
                involvement={involvementOf(departmentId)}
                signature={signatureOf(departmentId)}
                current={record.currentByDepartment()?.get(departmentId)}
                deadline={status() === 'released' ? undefined : record.deadlines().find((d) => d.departmentId === departmentId)}
                canExtend={record.canSteer() && mayBeSigned()}
                own={props.user.departmentId === departmentId}
                maySign={record.canSign() && props.user.departmentId === departmentId && mayBeSigned()}
                roundStarted={status() !== 'draft'}
              />
            )}
          </For>
        </ul>
      </Show>

      <Show when={record.canSteer() && status()}>
        <Steering proposalId={props.proposalId} doc={props.doc} record={record} />
      </Show>

      <AuditLog proposalId={props.proposalId} recordVersion={() => [status(), record.involved(), record.signatures()]} />
    </section>
  )
}

function Steering(props: { proposalId: string; doc: Y.Doc; record: ProposalRecord }) {
  const record = props.record
  let releaseButton: HTMLButtonElement | undefined
  const [confirming, setConfirming] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await action()
    } catch (e) {
      setError(t('steer.error', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  const form = (canStart: boolean) => (
    <Suspense>
      <InvolvementForm
        proposalId={props.proposalId}
        leadDepartmentId={record.leadDepartmentId() ?? ''}
        involved={record.involved()}
        canStart={canStart}
      />
    </Suspense>
  )
  return (
    <div class="steering" data-testid="steering">
      <Switch>
        <Match when={record.status() === 'draft'}>
          <h3 class="form-heading">{t('steer.title')}</h3>
          {form(true)}
        </Match>
        <Match when={record.status() === 'cosigning' || record.status() === 'cosigned'}>
          <div class="steer-actions">
            <button
              ref={releaseButton}
              type="button"
              disabled={busy() || confirming()}
              onClick={() => setConfirming(true)}
              data-testid="release"
              aria-haspopup="dialog"
              aria-describedby="release-hint"
            >
              {t('steer.release')}
            </button>
            <p class="hint-line" id="release-hint">
              {record.status() === 'cosigned' ? t('steer.releaseHint') : t('steer.releaseBlocked')}
            </p>
          </div>
          <Show when={confirming()}>
            <Suspense>
              <ReleaseDialog
                proposalId={props.proposalId}
                doc={props.doc}
                record={record}
                onClose={(released) => {
                  setConfirming(false)
                  // Back to where the dialog was opened from; after a release that button is gone.
                  if (!released) queueMicrotask(() => releaseButton?.focus())
                }}
              />
            </Suspense>
          </Show>
          <details class="change-involvement">
            <summary>{t('steer.change')}</summary>
            {form(false)}
          </details>
        </Match>
        <Match when={record.status() === 'released'}>
          <div class="steer-actions">
            <button type="button" class="secondary" disabled={busy()} onClick={() => void run(() => api.reopen(props.proposalId))} data-testid="reopen" aria-describedby="reopen-hint">
              {t('steer.reopen')}
            </button>
            <p class="hint-line" id="reopen-hint">
              {t('steer.reopenHint')}
            </p>
          </div>
        </Match>
      </Switch>
      <Show when={error()}>
        <p class="inline-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  )
}
