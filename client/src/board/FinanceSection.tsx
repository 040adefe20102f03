// Finanzielle Auswirkungen: measure rows × budget years in TEUR, need beside funds already provided,
// with live sums per year; rows and year columns can be added and removed.
import { createSignal, For, Index, Show } from 'solid-js'
import type * as Y from 'yjs'
import { emptyCell, formatNumber } from '../../../shared/format'
import {
  addFinanceRow,
  addFinanceYear,
  financeColumns,
  financeRowText,
  financeTotals,
  financeYears,
  getFinanceRow,
  listFinanceRows,
  removeFinanceRow,
  removeFinanceYear,
  setFinanceCell,
  updateFinanceRow,
  type FinanceColumn,
  type FinanceRow,
} from '../../../shared/model'
import { entries } from '../../../shared/model/collections'
import { validationMessages } from '../../../shared/model/messages'
import { t, validationText } from '../i18n'
import { BoundTextField, ParsedField, textOrNone, tryWrite } from './fields'
import { formatOptionalInput, parseOptionalNumberInput } from './format-input'
import { RowActions, Section } from './Section'
import { useDocValue } from '../use-doc-value'

const roots = ['financeRows', 'finance']

/** A sum is '–' when no row has a value in that year, as the papers print it. */
function sumText(rows: FinanceRow[], column: FinanceColumn, year: number, sum: number | undefined): string {
  return rows.some((row) => row[column][year] !== null) ? formatNumber(sum ?? 0) : emptyCell
}

export function FinanceSection(props: { doc: Y.Doc; canEdit: boolean }) {
  const ids = useDocValue(props.doc, (doc) => entries(doc, 'financeRows').map((e) => e.id), { roots })
  const years = useDocValue(props.doc, financeYears, { roots })
  const rows = useDocValue(props.doc, listFinanceRows, { roots })
  const totals = () => financeTotals(rows(), years())
  const blockTitle = (column: FinanceColumn) => t(column === 'need' ? 'fin.need' : 'fin.provided')

  return (
    <Section id="finance" title={t('fin.title')} aside={<span class="muted">{t('fin.unit')}</span>}>
      <Show when={years().length > 0} fallback={<p class="muted empty">{t('fin.noYears')}</p>}>
        <div class="table-scroll">
          <table class="grid-table finance" data-testid="finance">
            <thead>
              <tr>
                <th scope="col" rowspan={2} class="num">
                  #
                </th>
                <th scope="col" rowspan={2}>
                  {t('fin.account')}
                </th>
                <th scope="col" rowspan={2}>
                  {t('fin.measure')}
                </th>
                <For each={[...financeColumns]}>
                  {(column) => (
                    <th scope="colgroup" colspan={years().length} class={`block block-${column}`}>
                      {blockTitle(column)}
                    </th>
                  )}
                </For>
                <th scope="col" rowspan={2} class="actions">
                  <span class="visually-hidden">{t('row.actions')}</span>
                </th>
              </tr>
              <tr>
                <For each={[...financeColumns]}>
                  {(column) => (
                    <Index each={years()}>
                      {(year) => (
                        <th scope="col" class={`year block-${column}`}>
                          <span class="year-label">{year()}</span>
                          <Show when={props.canEdit && column === 'need'}>
                            <button
                              type="button"
                              class="icon-button tiny"
                              aria-label={t('fin.removeYear', { year: year() })}
                              title={t('fin.removeYear', { year: year() })}
                              onClick={() => tryWrite(() => removeFinanceYear(props.doc, year()))}
                            >
                              ×
                            </button>
                          </Show>
                        </th>
                      )}
                    </Index>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={ids()}>
                {(id, index) => <FinanceRowView doc={props.doc} id={id} index={index()} count={ids().length} years={years()} canEdit={props.canEdit} />}
              </For>
            </tbody>
            <tfoot>
              <tr data-testid="finance-sums">
                <th scope="row" colspan={3}>
                  {t('fin.sum')}
                </th>
                <For each={[...financeColumns]}>
                  {(column) => (
                    <Index each={years()}>
                      {(year) => (
                        <td class={`sum block-${column}`} data-testid={`sum-${column}-${year()}`}>
                          {sumText(rows(), column, year(), totals()[column][year()])}
                        </td>
                      )}
                    </Index>
                  )}
                </For>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      </Show>
      <div class="section-foot">
        <Show when={props.canEdit}>
          <button type="button" class="add-button" disabled={years().length === 0} onClick={() => tryWrite(() => addFinanceRow(props.doc))}>
            + {t('fin.addRow')}
          </button>
          <AddYear doc={props.doc} years={years()} />
        </Show>
      </div>
    </Section>
  )
}

function AddYear(props: { doc: Y.Doc; years: number[] }) {
  const [error, setError] = createSignal<string>()
  const suggestion = () => (props.years.length ? Math.max(...props.years) + 1 : new Date().getFullYear() + 1)
  let input!: HTMLInputElement
  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    // An empty field takes the suggestion shown as placeholder; typing never appends to it.
    const typed = input.value.trim()
    const year = typed ? Number(typed) : suggestion()
    if (!Number.isFinite(year)) return setError(validationText(validationMessages.not_a_number))
    // Adds just this year, so a year a colleague adds at the same moment stays too.
    setError(tryWrite(() => addFinanceYear(props.doc, year)))
    if (!error()) input.value = ''
  }
  return (
    <form class="add-year" onSubmit={submit}>
      <label for="add-year">{t('fin.year')}</label>
      <input
        id="add-year"
        ref={input}
        inputMode="numeric"
        autocomplete="off"
        placeholder={String(suggestion())}
        aria-invalid={error() ? true : undefined}
        aria-describedby={error() ? 'add-year-error' : undefined}
      />
      <button type="submit" class="secondary">
        + {t('fin.addYear')}
      </button>
      <Show when={error()}>
        <span class="field-error" id="add-year-error" role="alert">
          {error()}
        </span>
      </Show>
    </form>
  )
}

function FinanceRowView(props: { doc: Y.Doc; id: string; index: number; count: number; years: number[]; canEdit: boolean }) {
  const row = useDocValue(props.doc, (doc) => getFinanceRow(doc, props.id), { roots })
  const readOnly = () => !props.canEdit
  const n = () => props.index + 1
  const rowName = () => row().measure.trim() || t('fin.row', { n: n() })
  const label = (column: string) => `${column}, ${rowName()}`
  const text = (key: 'account' | 'measure') => (row(), textOrNone(() => financeRowText(props.doc, props.id, key)))
  return (
    <tr data-testid="finance-row">
      <td class="num">{n()}</td>
      <td class="account">
        <BoundTextField hideLabel multiline text={text('account')} label={label(t('fin.account'))} readOnly={readOnly()} value={row().account} maxLength={300} onWrite={(v) => updateFinanceRow(props.doc, props.id, { account: v })} />
      </td>
      <td class="measure">
        <BoundTextField hideLabel multiline text={text('measure')} label={t('fin.measureOfRow', { n: n() })} readOnly={readOnly()} value={row().measure} maxLength={300} onWrite={(v) => updateFinanceRow(props.doc, props.id, { measure: v })} />
      </td>
      <For each={[...financeColumns]}>
        {(column) => (
          <Index each={props.years}>
            {(year) => (
              <td class={`cell block-${column}`}>
                <ParsedField
                  hideLabel
                  label={label(`${t(column === 'need' ? 'fin.need' : 'fin.provided')} ${year()}`)}
                  readOnly={readOnly()}
                  value={row()[column][year()] ?? null}
                  format={(v) => formatOptionalInput(v)}
                  parse={parseOptionalNumberInput}
                  onWrite={(v) => setFinanceCell(props.doc, props.id, column, year(), v)}
                  unreadable={validationText(validationMessages.not_a_number)}
                  inputMode="decimal"
                  placeholder={emptyCell}
                  testId={`cell-${column}-${year()}`}
                />
              </td>
            )}
          </Index>
        )}
      </For>
      <td class="actions">
        <RowActions name={rowName()} index={props.index} count={props.count} canEdit={props.canEdit} onRemove={() => tryWrite(() => removeFinanceRow(props.doc, props.id))} />
      </td>
    </tr>
  )
}
