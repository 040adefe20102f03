// A readable diff of two states of a proposal, per section: insertions and deletions marked, fields
// and values worded as on the board (change-labels.ts, shared with the change list since a signature).
import { For, Show, type JSX } from 'solid-js'
import { aroundChanges } from '../../../shared/diff/text'
import type { ChangedItem, FieldChange, ItemsDiff, ProposalDiff } from '../../../shared/diff/types'
import { t, type MessageKey } from '../i18n'
import { fieldName, fieldValue } from '../record/change-labels'
import { ChangedText, TextParts } from '../record/TextChange'

/** Texts longer than this are compared word by word rather than shown twice. */
const longText = 80

function Change(props: { section: string; field: string; before: unknown; after: unknown }) {
  const long = () =>
    typeof props.before === 'string' && typeof props.after === 'string' && Math.max(props.before.length, props.after.length) > longText
  return (
    <Show
      when={long()}
      fallback={
        <span class="diff-change">
          <del>{fieldValue(props.section, props.field, props.before)}</del> → <ins>{fieldValue(props.section, props.field, props.after)}</ins>
        </span>
      }
    >
      <ChangedText before={props.before as string} after={props.after as string} />
    </Show>
  )
}

function Fields(props: { section: string; fields: FieldChange[] }) {
  return (
    <ul class="diff-fields">
      <For each={props.fields}>
        {(field) => (
          <li data-testid="diff-field" data-field={field.field}>
            <span class="diff-field-name">{fieldName(props.section, field.field)}</span>:{' '}
            <Change section={props.section} field={field.field} before={field.before} after={field.after} />
          </li>
        )}
      </For>
    </ul>
  )
}

function Items<T>(props: { section: string; diff: ItemsDiff<T> }) {
  return (
    <ul class="diff-items">
      <For each={props.diff.added}>{(item) => <li data-testid="diff-item" data-kind="added"><ins>{t('v.added')}: {item.label}</ins></li>}</For>
      <For each={props.diff.removed}>{(item) => <li data-testid="diff-item" data-kind="removed"><del>{t('v.removed')}: {item.label}</del></li>}</For>
      <For each={props.diff.changed}>
        {(item: ChangedItem<T>) => (
          <li data-testid="diff-item" data-kind="changed">
            {t('v.changed')}: {item.label}
            <Fields section={props.section} fields={item.fields} />
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
        <Fields section="header" fields={props.diff.header} />
      </Part>
      <Part section="v.section.consultations" when={changed('consultations')}>
        <Items section="consultations" diff={props.diff.consultations} />
      </Part>
      <Part section="v.section.resolution" when={changed('resolution')}>
        <ul class="diff-items">
          <For each={props.diff.resolution.added}>{(item) => <li><ins>{item.number}. {item.text}</ins></li>}</For>
          <For each={props.diff.resolution.removed}>{(item) => <li><del>{item.number}. {item.text}</del></li>}</For>
          <For each={props.diff.resolution.changed}>
            {(item) => (
              <li>
                {item.numberAfter}. <TextParts parts={aroundChanges(item.text.parts)} />
              </li>
            )}
          </For>
        </ul>
      </Part>
      <Part section="v.section.body" when={changed('body')}>
        <Show when={!props.diff.body.formattingOnly} fallback={<p class="muted">{t('v.formattingOnly')}</p>}>
          <TextParts parts={aroundChanges(props.diff.body.parts)} />
        </Show>
      </Part>
      <Part section="v.section.positions" when={changed('positions')}>
        <Items section="positions" diff={props.diff.positions} />
      </Part>
      <Part section="v.section.finance" when={changed('finance')}>
        <ul class="diff-items">
          {/* Years as years: 2024, not 2.024. */}
          <For each={props.diff.finance.years.added}>{(year) => <li data-testid="diff-year" data-kind="added"><ins>{t('v.added')}: {t('fin.year')} {String(year)}</ins></li>}</For>
          <For each={props.diff.finance.years.removed}>{(year) => <li data-testid="diff-year" data-kind="removed"><del>{t('v.removed')}: {t('fin.year')} {String(year)}</del></li>}</For>
          <For each={props.diff.finance.cells}>
            {(cell) => (
              <li data-testid="diff-cell">
                {cell.label || t('changes.rowGone')} › {fieldName('finance', cell.column)} {cell.year}:{' '}
                <Change section="finance" field={cell.column} before={cell.before} after={cell.after} />
              </li>
            )}
          </For>
          <For each={props.diff.finance.sums}>
            {(sum) => (
              <li data-testid="diff-sum">
                {t('v.sum')} {fieldName('finance', sum.column)} {sum.year === 'total' ? `(${t('v.allYears')})` : sum.year}:{' '}
                <Change section="finance" field={sum.column} before={sum.before} after={sum.after} />
              </li>
            )}
          </For>
        </ul>
        <Items section="finance" diff={props.diff.finance.rows} />
      </Part>
      <Part section="v.section.attachments" when={changed('attachments')}>
        <Items section="attachments" diff={props.diff.attachments} />
      </Part>
    </div>
  )
}
