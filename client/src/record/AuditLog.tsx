// The proposal's Verlauf: who did what when, on which content (short hash), and the content edits per
// person, one entry per burst of editing. Loaded when opened, and again whenever the record changes
// while it is open (every logged step changes the record).
import { createEffect, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js'
import { api, lastLoaded, type AuditEntry, type EditBurst } from '../api'
import { departmentLabel } from '../departments'
import { formatDateTime, t } from '../i18n'
import { shortDateTime } from './authors'
import { isStance, sectionsLabel, stanceLabel } from './labels'

/** One line of the Verlauf: a logged step, or one person's burst of content edits. */
type Line = { at: string; entry: AuditEntry; burst?: undefined } | { at: string; burst: EditBurst; entry?: undefined }

/** Both kinds of line, newest first. */
async function readVerlauf(id: string): Promise<Line[]> {
  const [audit, edits] = await Promise.all([api.audit(id), api.edits(id)])
  const lines: Line[] = [...audit.map((entry) => ({ at: entry.at, entry })), ...edits.map((burst) => ({ at: burst.to, burst }))]
  return lines.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
}

export function AuditLog(props: { proposalId: string; recordVersion: () => unknown }) {
  const [opened, setOpened] = createSignal(false)
  const [entries, { refetch }] = createResource(
    () => (opened() ? props.proposalId : undefined),
    readVerlauf,
  )
  createEffect(on(() => JSON.stringify(props.recordVersion()), () => opened() && void refetch(), { defer: true }))
  // Content edits do not change the record: opening the Verlauf again reads them anew.
  const toggled = (open: boolean) => {
    if (!open) return
    if (opened()) void refetch()
    else setOpened(true)
  }
  return (
    <details class="audit" data-testid="audit-log" onToggle={(event) => toggled(event.currentTarget.open)}>
      <summary>
        {t('audit.title')}
        <Show when={lastLoaded(entries)}>{(list) => <span class="muted"> · {t('audit.count', { n: list().length })}</span>}</Show>
      </summary>
      <Switch>
        <Match when={entries.error}>
          <p class="inline-error" role="alert">
            {t('audit.error', { message: (entries.error as Error).message })}
          </p>
        </Match>
        <Match when={lastLoaded(entries)?.length === 0}>
          <p class="muted">{t('audit.empty')}</p>
        </Match>
        <Match when={lastLoaded(entries)}>
          {(list) => (
            <div class="table-scroll">
              <table class="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.who')}</th>
                    <th scope="col">{t('audit.what')}</th>
                    <th scope="col">{t('audit.hash')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(line) => (line.burst ? <EditLine burst={line.burst} /> : <AuditLine entry={line.entry!} />)}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Match>
        <Match when={entries.loading}>
          <p class="muted">{t('audit.loading')}</p>
        </Match>
      </Switch>
    </details>
  )
}

/** "Jonas Weber · Sozialamt — Inhalt bearbeitet: Stellen (12 Änderungen)", from 18:04 to 18:09. */
function EditLine(props: { burst: EditBurst }) {
  const from = () => formatDateTime(props.burst.from)
  const to = () => shortDateTime(props.burst.to).split(' ')[1]
  const count = () => (props.burst.updates === 1 ? t('edits.one') : t('edits.many', { n: props.burst.updates }))
  return (
    <tr data-testid="audit-entry" data-action="content edited">
      <td class="nowrap">{from() === formatDateTime(props.burst.to) ? from() : `${from()}–${to()}`}</td>
      <td>
        {props.burst.userName ?? t('audit.system')}
        <span class="muted"> · {departmentLabel(props.burst.departmentId)}</span>
      </td>
      <td>
        {t('edits.entry', { sections: sectionsLabel(props.burst.sections) })} ({count()})
      </td>
      <td />
    </tr>
  )
}

function AuditLine(props: { entry: AuditEntry }) {
  const entry = props.entry
  return (
    <tr data-testid="audit-entry" data-action={entry.action}>
      <td class="nowrap">{formatDateTime(entry.at)}</td>
      <td>
        {entry.userName ?? t('audit.system')}
        <Show when={entry.userName && entry.departmentId}>
          <span class="muted"> · {departmentLabel(entry.departmentId!)}</span>
        </Show>
      </td>
      <td>{describe(entry)}</td>
      <td>
        <code class="hash" title={t('audit.hashTitle', { hash: entry.contentHash })}>
          {entry.contentHash.slice(0, 10)}
        </code>
      </td>
    </tr>
  )
}

/** The logged action in words, with what matters of its detail. */
function describe(entry: AuditEntry): string {
  const detail = entry.detail ?? {}
  const departmentsOf = (value: unknown) =>
    Array.isArray(value)
      ? value
          .map((d: { departmentId?: string; sections?: string[] } | string) =>
            typeof d === 'string' ? departmentLabel(d) : `${departmentLabel(d.departmentId ?? '')} (${sectionsLabel(d.sections ?? [])})`,
          )
          .join('; ')
      : ''
  switch (entry.action) {
    case 'signed': {
      const stance = isStance(detail.stance) ? stanceLabel(detail.stance) : String(detail.stance ?? '')
      const remark = typeof detail.remark === 'string' && detail.remark ? ` – „${clip(detail.remark, 140)}“` : ''
      return `${t('audit.signed', { stance })}${remark}`
    }
    case 'co-signing started':
      return `${t('audit.started')}: ${departmentsOf(detail.departments)}`
    case 'involved departments changed':
      return `${t('audit.involved')}: ${departmentsOf(detail.departments) || '–'}`
    case 'released': {
      const override = detail.override as { reason?: unknown } | undefined
      return typeof override?.reason === 'string' ? `${t('audit.releasedOverride')} – „${clip(override.reason, 200)}“` : t('audit.released')
    }
    case 'reopened':
      return t('audit.reopened')
    case 'status: all signatures current':
      return t('audit.allCurrent')
    case 'status: a signature is outdated': {
      const outdated = departmentsOf(detail.outdated)
      return outdated ? `${t('audit.outdated')} (${outdated})` : t('audit.outdated')
    }
    case 'suggestion accepted':
    case 'suggestion rejected': {
      const name = `${String(detail.authorName ?? '')} (${departmentLabel(String(detail.departmentId ?? ''))})`
      const label = t(entry.action === 'suggestion accepted' ? 'audit.suggestionAccepted' : 'audit.suggestionRejected', { name })
      const change = [detail.deleted ? `„${clip(String(detail.deleted), 80)}“ →` : '', detail.insert ? `„${clip(String(detail.insert), 80)}“` : '–']
      return `${label}: ${change.join(' ').trim()}`
    }
    case 'version created':
    case 'version restored': {
      const label = t(entry.action === 'version created' ? 'audit.versionCreated' : 'audit.versionRestored', { number: String(detail.number ?? '') })
      return typeof detail.name === 'string' && detail.name ? `${label}: „${clip(detail.name, 120)}“` : label
    }
    default:
      // Steps logged by newer parts of the server (versions, exports) show as they are named.
      return entry.action
  }
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
