// One involved department's line in the co-signature section: stance, remark, signer, time, sections,
// current or outdated; the changes since it signed; and, for its lead, the sign form.
import { createSignal, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import type * as Y from 'yjs'
import type { InvolvedDepartment, RecordDeadline, RecordSignature } from '../../../shared/record'
import { departmentLabel } from '../departments'
import { formatDateTime, t, type MessageKey } from '../i18n'
import { DeadlineLine } from './DeadlineLine'
import { sectionsLabel, stanceLabel } from './labels'

// Shown only to signers or after a signature: loaded then, not with the board.
const ChangesView = lazy(() => import('./ChangesView').then((m) => ({ default: m.ChangesView })))
const SignForm = lazy(() => import('./SignForm').then((m) => ({ default: m.SignForm })))

export function CosignEntry(props: {
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
  let entry!: HTMLLIElement
  // The form goes away after signing or cancelling: keep the focus on the entry, not lost to the page's start.
  const closeForm = () => {
    setChanging(false)
    entry.focus({ preventScroll: true })
  }
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
      ref={entry}
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
                onDone={closeForm}
                onCancel={changing() ? closeForm : undefined}
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
