// "Mitzeichnung der beteiligten Stellen" on the board: each involved department's stance, remark, signer,
// time and sections, current or outdated live; the lead's round controls; the signer's form; the Verlauf.
import { createMemo, createSignal, For, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import type * as Y from 'yjs'
import type { SessionUser } from '../../../shared/identity'
import type { InvolvedDepartment, RecordDeadline, RecordSignature } from '../../../shared/record'
import { api } from '../api'
import { departmentLabel } from '../departments'
import { formatDateTime, t, type MessageKey } from '../i18n'
import { AuditLog } from './AuditLog'
import { DeadlineLine } from './DeadlineLine'
import { sectionsLabel, stanceLabel } from './labels'
import type { ProposalRecord } from './record-state'

// Shown only to some people or after an action: loaded then, not with the board (each in its own
// Suspense, so loading one never blanks the page).
const ChangesView = lazy(() => import('./ChangesView').then((m) => ({ default: m.ChangesView })))
const InvolvementForm = lazy(() => import('./InvolvementForm').then((m) => ({ default: m.InvolvementForm })))
const ReleaseDialog = lazy(() => import('./ReleaseDialog').then((m) => ({ default: m.ReleaseDialog })))
const SignForm = lazy(() => import('./SignForm').then((m) => ({ default: m.SignForm })))
import './record-common.css'
import './cosign.css'

export function CosignSection(props: { proposalId: string; doc: Y.Doc; record: ProposalRecord; user: SessionUser }) {
  const record = props.record
  const signatureOf = (departmentId: string) => record.signatures().find((s) => s.departmentId === departmentId)
  const status = () => record.status()
  const mayBeSigned = () => status() === 'cosigning' || status() === 'cosigned'
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
          <For each={record.involved()}>
            {(involvement) => (
              <CosignEntry
                proposalId={props.proposalId}
                doc={props.doc}
                involvement={involvement}
                signature={signatureOf(involvement.departmentId)}
                current={record.currentByDepartment()?.get(involvement.departmentId)}
                deadline={status() === 'released' ? undefined : record.deadlines().find((d) => d.departmentId === involvement.departmentId)}
                canExtend={record.canSteer() && mayBeSigned()}
                own={props.user.departmentId === involvement.departmentId}
                maySign={record.canSign() && props.user.departmentId === involvement.departmentId && mayBeSigned()}
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

function CosignEntry(props: {
  proposalId: string
  doc: Y.Doc
  involvement: InvolvedDepartment
  signature: RecordSignature | undefined
  current: boolean | undefined
  deadline: RecordDeadline | undefined
  canExtend: boolean
  own: boolean
  maySign: boolean
  roundStarted: boolean
}) {
  const [changing, setChanging] = createSignal(false)
  const signature = () => props.signature
  const outdated = () => !!signature() && props.current === false
  const state = () => (!signature() ? 'pending' : props.current === undefined ? 'checking' : props.current ? 'current' : 'outdated')
  const prose = (s: RecordSignature): MessageKey => {
    const withRemark = s.remark.trim() !== ''
    switch (s.stance) {
      case 'acknowledged':
        return withRemark ? 'prose.acknowledgedRemark' : 'prose.acknowledged'
      case 'approved':
        return withRemark ? 'prose.approvedRemark' : 'prose.approved'
      case 'remarks':
        return 'prose.remarks'
      case 'objection':
        return 'prose.objection'
    }
  }
  return (
    <li
      class="cosign-entry"
      id={`cosign-${props.involvement.departmentId}`}
      tabIndex={-1}
      classList={{ outdated: outdated(), own: props.own }}
      data-testid="cosign-entry"
      data-department={props.involvement.departmentId}
      data-stance={signature()?.stance ?? 'pending'}
      data-state={state()}
    >
      <div class="cosign-line">
        <p class="cosign-prose">
          <strong>{departmentLabel(props.involvement.departmentId)}</strong>{' '}
          <Show when={signature()} fallback={<span class="muted">{props.roundStarted ? t('cosign.pending') : ''}</span>}>
            {(s) => <span>{t(prose(s()))}</span>}
          </Show>
        </p>
        <div class="cosign-chips">
          <Show when={signature()}>
            {(s) => (
              <span class={`stance stance-${s().stance}`} data-testid="signature-stance">
                {stanceLabel(s().stance)}
              </span>
            )}
          </Show>
          <Switch>
            <Match when={state() === 'current'}>
              <span class="currency current" data-testid="signature-state" data-state="current">
                <span aria-hidden="true">✓ </span>
                {t('cosign.current')}
              </span>
            </Match>
            <Match when={state() === 'outdated'}>
              <span class="currency outdated" data-testid="signature-state" data-state="outdated">
                <span aria-hidden="true">⚠ </span>
                {signature()?.voided ? t('cosign.voided') : t('cosign.outdated')}
              </span>
            </Match>
          </Switch>
        </div>
      </div>
      <Show when={signature()?.remark}>
        {(remark) => (
          <blockquote class="cosign-remark" data-testid="signature-remark">
            {remark()}
          </blockquote>
        )}
      </Show>
      <p class="cosign-meta">
        <Show when={signature()}>
          {(s) => (
            <span data-testid="signature-signer">
              {t('cosign.signedBy', { name: s().signerName, time: formatDateTime(s().signedAt) })}
              {' · '}
            </span>
          )}
        </Show>
        <span data-testid="signature-sections">{t('cosign.for', { sections: sectionsLabel(props.signature?.sections ?? props.involvement.sections) })}</span>
      </p>
      <Show when={props.deadline}>
        {(deadline) => <DeadlineLine proposalId={props.proposalId} deadline={deadline()} current={props.current === true} canExtend={props.canExtend} />}
      </Show>

      <Show when={signature() && (outdated() || props.own)}>
        <Suspense>
          <ChangesView
            proposalId={props.proposalId}
            departmentId={props.involvement.departmentId}
            doc={props.doc}
            own={props.own}
            emphasize={outdated()}
          />
        </Suspense>
      </Show>

      <Show when={props.maySign}>
        <Switch>
          <Match when={!signature() || outdated() || changing()}>
            <Suspense>
              <SignForm
                proposalId={props.proposalId}
                departmentId={props.involvement.departmentId}
                signature={signature()}
                outdated={outdated()}
                onDone={() => setChanging(false)}
                onCancel={changing() ? () => setChanging(false) : undefined}
              />
            </Suspense>
          </Match>
          <Match when={true}>
            <button type="button" class="secondary small" onClick={() => setChanging(true)} data-testid="sign-change">
              {t('sign.change')}
            </button>
          </Match>
        </Switch>
      </Show>
    </li>
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
