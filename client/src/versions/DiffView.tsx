// A readable diff of two states of a proposal, per section: insertions and deletions marked.
import { For, Show, type JSX } from 'solid-js'
import type { ChangedItem, FieldChange, ItemsDiff, ProposalDiff, TextPart } from '../../../shared/diff/types'
import { formatNumber } from '../../../shared/format'
import { t, type MessageKey } from '../i18n'
import { departmentLabel } from '../departments'
import { fieldLabel } from '../record/labels'

/** A field value as people read it: German numbers, '–' for nothing, ja/nein. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '–'
  if (typeof value === 'number') return formatNumber(value, { maxDecimals: 3 })
  if (typeof value === 'boolean') return value ? 'ja' : 'nein'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** A value of field `field`: department ids by their name, everything else as `shown`. */
const shownAs = (field: string | undefined, value: unknown): string =>
  (field === 'department' || field === 'leadDepartment') && typeof value === 'string' && value ? departmentLabel(value) : shown(value)

function Change(props: { before: unknown; after: unknown; field?: string }) {
  return (
    <span class="diff-change">
      <del>{shownAs(props.field, props.before)}</del> → <ins>{shownAs(props.field, props.after)}</ins>
    </span>
  )
}

function Fields(props: { fields: FieldChange[] }) {
  return (
    <ul class="diff-fields">
      <For each={props.fields}>
        {(field) => (
          <li data-testid="diff-field" data-field={field.field}>
            <span class="diff-field-name">{fieldLabel(field.field)}</span>: <Change field={field.field} before={field.before} after={field.after} />
          </li>
        )}
      </For>
    </ul>
  )
}

export function TextParts(props: { parts: TextPart[] }) {
  return (
    <p class="diff-text">
      <For each={props.parts}>{(part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>)}</For>
    </p>
  )
}

function Items<T>(props: { diff: ItemsDiff<T> }) {
  return (
    <ul class="diff-items">
      <For each={props.diff.added}>{(item) => <li data-testid="diff-item" data-kind="added"><ins>{t('v.added')}: {item.label}</ins></li>}</For>
      <For each={props.diff.removed}>{(item) => <li data-testid="diff-item" data-kind="removed"><del>{t('v.removed')}: {item.label}</del></li>}</For>
      <For each={props.diff.changed}>
        {(item: ChangedItem<T>) => (
          <li data-testid="diff-item" data-kind="changed">
            {t('v.changed')}: {item.label}
            <Fields fields={item.fields} />
          </li>
        )}
      </For>
      <For each={props.diff.moved}>{(item) => <li data-testid="diff-item" data-kind="moved">{t('v.moved')}: {item.label} ({item.from + 1} → {item.to + 1})</li>}</For>
    </ul>
  )
}

function Part(props: { section: `v.section.${string}` & MessageKey; when: boolean; children: JSX.Element }) {
  return (
    <Show when={props.when}>
      <section class="diff-section" data-testid="diff-section" data-section={props.section.replace('v.section.', '')}>
        <h3>{t(props.section)}</h3>
        {props.children}
      </section>
    </Show>
  )
}

export function DiffView(props: { diff: ProposalDiff }) {
  const changed = (section: string) => props.diff.changedSections.includes(section as never)
  return (
    <div class="diff" data-testid="diff" data-change-count={props.diff.changeCount}>
      <p class="muted">{props.diff.changeCount === 0 ? t('v.noChanges') : props.diff.changeCount === 1 ? t('v.oneChange') : t('v.changes', { count: props.diff.changeCount })}</p>
      <Part section="v.section.header" when={changed('header')}>
        <Fields fields={props.diff.header} />
      </Part>
      <Part section="v.section.consultations" when={changed('consultations')}>
        <Items diff={props.diff.consultations} />
      </Part>
      <Part section="v.section.resolution" when={changed('resolution')}>
        <ul class="diff-items">
          <For each={props.diff.resolution.added}>{(item) => <li><ins>{item.number}. {item.text}</ins></li>}</For>
          <For each={props.diff.resolution.removed}>{(item) => <li><del>{item.number}. {item.text}</del></li>}</For>
          <For each={props.diff.resolution.changed}>
            {(item) => (
              <li>
                {item.numberAfter}. <TextParts parts={item.text.parts} />
              </li>
            )}
          </For>
        </ul>
      </Part>
      <Part section="v.section.body" when={changed('body')}>
        <Show when={!props.diff.body.formattingOnly} fallback={<p class="muted">{t('v.formattingOnly')}</p>}>
          <TextParts parts={inContext(props.diff.body.parts)} />
        </Show>
      </Part>
      <Part section="v.section.positions" when={changed('positions')}>
        <Items diff={props.diff.positions} />
      </Part>
      <Part section="v.section.finance" when={changed('finance')}>
        <ul class="diff-items">
          {/* Years as years: 2024, not 2.024. */}
          <For each={props.diff.finance.years.added}>{(year) => <li data-testid="diff-year" data-kind="added"><ins>{t('v.added')}: {t('fin.year')} {String(year)}</ins></li>}</For>
          <For each={props.diff.finance.years.removed}>{(year) => <li data-testid="diff-year" data-kind="removed"><del>{t('v.removed')}: {t('fin.year')} {String(year)}</del></li>}</For>
          <For each={props.diff.finance.cells}>
            {(cell) => (
              <li data-testid="diff-cell">
                {cell.measure}, {t(`v.${cell.column}`)} {cell.year}: <Change before={cell.before} after={cell.after} />
              </li>
            )}
          </For>
          <For each={props.diff.finance.sums}>
            {(sum) => (
              <li data-testid="diff-sum">
                {t('v.sum')} {t(`v.${sum.column}`)} {sum.year === 'total' ? `(${t('v.allYears')})` : sum.year}: <Change before={sum.before} after={sum.after} />
              </li>
            )}
          </For>
        </ul>
        <Items diff={props.diff.finance.rows} />
      </Part>
      <Part section="v.section.attachments" when={changed('attachments')}>
        <Items diff={props.diff.attachments} />
      </Part>
    </div>
  )
}

const isChange = (part: TextPart | undefined) => Boolean(part?.added || part?.removed)
const context = 60

/** Only the words around each change are kept of the common text, so a long Begründung stays readable. */
function inContext(parts: TextPart[]): TextPart[] {
  return parts.flatMap((part, i) => {
    if (isChange(part)) return [part]
    const before = isChange(parts[i - 1])
    const after = isChange(parts[i + 1])
    if (!before && !after) return []
    const text = part.value
    if (text.length <= 2 * context) return [part]
    const head = before ? text.slice(0, context) + ' … ' : '… '
    const tail = after ? text.slice(-context) : ''
    return [{ value: before && after ? head + tail : before ? head : '… ' + tail }]
  })
}
