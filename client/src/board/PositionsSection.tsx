// Proposed positions (Stellen, Ermächtigungen) edited inline, with live FTE and cost totals.
import { For, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  addPosition,
  departments,
  getPosition,
  listPositions,
  positionText,
  positionKinds,
  removePosition,
  updatePosition,
  type PositionFields,
  type PositionKind,
} from '../../../shared/model'
import { entries } from '../../../shared/model/collections'
import { validationMessages } from '../../../shared/model/messages'
import { t, validationText } from '../i18n'
import { departmentLabel } from '../departments'
import { BoundTextField, CheckField, ParsedField, SelectField, textOrNone, tryWrite } from './fields'
import { formatDateInput, formatEuroInput, formatFteInput, parseDateInput, parseNumberInput, parseOptionalNumberInput } from './format-input'
import { PositionComments } from '../record/PositionComments'
import { PositionTotals } from './PositionTotals'
import { RowActions, Section } from './Section'
import { useDocValue } from '../use-doc-value'

const roots = ['positions']

export function PositionsSection(props: { doc: Y.Doc; canEdit: boolean; defaultDepartment: string }) {
  const ids = useDocValue(props.doc, (doc) => entries(doc, 'positions').map((e) => e.id), { roots })
  const positions = useDocValue(props.doc, listPositions, { roots })
  let table: HTMLTableElement | undefined

  const add = () =>
    tryWrite(() => {
      const id = addPosition(props.doc, { department: props.defaultDepartment })
      // The new row's first field takes the caret.
      table?.querySelector<HTMLElement>(`[data-row-id="${id}"] select`)?.focus()
    })

  return (
    <Section id="positions" title={t('pos.title')}>
      <Show when={ids().length > 0} fallback={<p class="muted empty">{t('pos.empty')}</p>}>
        <div class="table-scroll">
          <table class="grid-table positions" data-testid="positions" ref={table}>
            <thead>
              <tr>
                <th scope="col" class="num">
                  #
                </th>
                <th scope="col">{t('pos.department')}</th>
                <th scope="col" class="fte">
                  {t('pos.fte')}
                </th>
                <th scope="col" class="pay">
                  {t('pos.payGrade')}
                </th>
                <th scope="col">{t('pos.kind')}</th>
                <th scope="col" class="date">
                  {t('pos.until')}
                </th>
                <th scope="col" class="check-col">
                  {t('pos.unlimited')}
                </th>
                <th scope="col" class="money">
                  {t('pos.cost')}
                </th>
                <th scope="col" class="actions">
                  <span class="visually-hidden">{t('row.actions')}</span>
                </th>
              </tr>
            </thead>
            <For each={ids()}>
              {(id, index) => <PositionRow doc={props.doc} id={id} index={index()} count={ids().length} canEdit={props.canEdit} />}
            </For>
          </table>
        </div>
      </Show>
      <div class="section-foot">
        <Show when={props.canEdit}>
          <button type="button" class="add-button" onClick={add}>
            + {t('pos.add')}
          </button>
        </Show>
        <PositionTotals positions={positions()} />
      </div>
    </Section>
  )
}

function PositionRow(props: { doc: Y.Doc; id: string; index: number; count: number; canEdit: boolean }) {
  const row = useDocValue(props.doc, (doc) => getPosition(doc, props.id), { roots })
  const readOnly = () => !props.canEdit
  const n = () => props.index + 1
  const label = (column: string) => `${column}, ${t('pos.row', { n: n() })}`
  const field = (key: keyof PositionFields) => `positions/${props.id}/${key}`
  const update = (patch: Partial<PositionFields>) => updatePosition(props.doc, props.id, patch)
  const notANumber = () => validationText(validationMessages.not_a_number)
  // Read with the row, so a field rebinds if its Y.Text is ever replaced (a restore of an old version).
  const text = (key: 'payGrade' | 'function' | 'note') => (row(), textOrNone(() => positionText(props.doc, props.id, key)))
  return (
    <tbody class="position" data-testid="position-row" data-row-id={props.id}>
      <tr class="position-main">
        <td class="num" rowspan={2}>
          {n()}
        </td>
        <td>
          <SelectField
            hideLabel
            label={label(t('pos.department'))} field={field('department')}
            readOnly={readOnly()}
            value={row().department}
            choices={departments.map((d) => ({ value: d.id, label: departmentLabel(d.id) }))}
            onWrite={(v) => update({ department: v })}
          />
        </td>
        <td class="fte">
          <ParsedField
            hideLabel
            label={label(t('pos.fte'))} field={field('fte')}
            readOnly={readOnly()}
            value={row().fte}
            format={formatFteInput}
            parse={parseNumberInput}
            onWrite={(v) => update({ fte: v })}
            unreadable={notANumber()}
            inputMode="decimal"
            testId="position-fte"
          />
        </td>
        <td class="pay">
          <BoundTextField hideLabel label={label(t('pos.payGrade'))} field={field('payGrade')} readOnly={readOnly()} text={text('payGrade')} value={row().payGrade} maxLength={40} onWrite={(v) => update({ payGrade: v })} testId="position-pay" />
        </td>
        <td>
          <SelectField
            hideLabel
            label={label(t('pos.kind'))} field={field('kind')}
            readOnly={readOnly()}
            value={row().kind}
            choices={positionKinds.map((k) => ({ value: k, label: t(`positionKind.${k}`) }))}
            onWrite={(v) => update({ kind: v as PositionKind })}
          />
        </td>
        <td class="date">
          <ParsedField
            hideLabel
            label={label(t('pos.until'))} field={field('until')}
            readOnly={readOnly()}
            value={row().until}
            format={formatDateInput}
            parse={parseDateInput}
            onWrite={(v) => update({ until: v })}
            unreadable={validationText(validationMessages.date_invalid)}
            placeholder={row().kind === 'permanent' ? t('pos.unlimitedShort') : t('input.datePlaceholder')}
          />
        </td>
        <td class="check-col">
          <CheckField hideLabel label={label(t('pos.unlimited'))} field={field('advertiseUnlimited')} readOnly={readOnly()} value={row().advertiseUnlimited} onWrite={(v) => update({ advertiseUnlimited: v })} />
        </td>
        <td class="money">
          <ParsedField
            hideLabel
            label={label(t('pos.cost'))} field={field('annualCost')}
            readOnly={readOnly()}
            value={row().annualCost}
            format={formatEuroInput}
            parse={parseOptionalNumberInput}
            onWrite={(v) => update({ annualCost: v })}
            unreadable={notANumber()}
            inputMode="decimal"
            placeholder="–"
          />
        </td>
        <td class="actions" rowspan={2}>
          <RowActions name={t('pos.row', { n: n() })} index={props.index} count={props.count} canEdit={props.canEdit} onRemove={() => tryWrite(() => removePosition(props.doc, props.id))} />
          <PositionComments positionId={props.id} name={t('pos.row', { n: n() })} />
        </td>
      </tr>
      {/* Function and note are long texts: a second line gives them the width. */}
      <tr class="position-detail">
        <td colspan={4} class="text-cell">
          <span class="cell-caption" aria-hidden="true">
            {t('pos.function')}
          </span>
          <BoundTextField hideLabel multiline label={label(t('pos.function'))} field={field('function')} readOnly={readOnly()} text={text('function')} value={row().function} maxLength={500} onWrite={(v) => update({ function: v })} />
        </td>
        <td colspan={3} class="text-cell">
          <span class="cell-caption" aria-hidden="true">
            {t('pos.note')}
          </span>
          <BoundTextField hideLabel multiline label={label(t('pos.note'))} field={field('note')} readOnly={readOnly()} text={text('note')} value={row().note} maxLength={2000} onWrite={(v) => update({ note: v })} />
        </td>
      </tr>
    </tbody>
  )
}
