// The Beratungsfolge: committee, purpose, public or not, session date — one table row per consultation.
import { For, Show } from 'solid-js'
import type * as Y from 'yjs'
import {
  addConsultation,
  consultationPurposes,
  consultationText,
  getConsultation,
  moveConsultation,
  removeConsultation,
  updateConsultation,
  type ConsultationPurpose,
} from '../../../shared/model'
import { entries } from '../../../shared/model/collections'
import { validationMessages } from '../../../shared/model/messages'
import { t, validationText } from '../i18n'
import { BoundTextField, ParsedField, SelectField, textOrNone, tryWrite } from './fields'
import { formatDateInput, parseDateInput } from './format-input'
import { RowActions, Section } from './Section'
import { useDocValue } from '../use-doc-value'

const roots = ['consultations']

export function ConsultationsSection(props: { doc: Y.Doc; canEdit: boolean }) {
  const ids = useDocValue(props.doc, (doc) => entries(doc, 'consultations').map((e) => e.id), { roots })
  const add = () => tryWrite(() => addConsultation(props.doc, {}))
  return (
    <Section id="consultations" title={t('cons.title')}>
      <Show when={ids().length > 0} fallback={<p class="muted empty">{t('cons.empty')}</p>}>
        <table class="grid-table consultations" data-testid="consultations">
          <thead>
            <tr>
              <th scope="col" class="num">
                #
              </th>
              <th scope="col">{t('cons.committee')}</th>
              <th scope="col">{t('cons.purpose')}</th>
              <th scope="col">{t('cons.public')}</th>
              <th scope="col">{t('cons.date')}</th>
              <th scope="col" class="actions">
                <span class="visually-hidden">{t('row.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={ids()}>
              {(id, index) => <ConsultationRow doc={props.doc} id={id} index={index()} count={ids().length} canEdit={props.canEdit} />}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.canEdit}>
        <button type="button" class="add-button" onClick={add}>
          + {t('cons.add')}
        </button>
      </Show>
    </Section>
  )
}

function ConsultationRow(props: { doc: Y.Doc; id: string; index: number; count: number; canEdit: boolean }) {
  const row = useDocValue(props.doc, (doc) => getConsultation(doc, props.id), { roots })
  const readOnly = () => !props.canEdit
  const n = () => props.index + 1
  const label = (column: string) => `${column}, ${t('cons.row', { n: n() })}`
  const update = (patch: Parameters<typeof updateConsultation>[2]) => updateConsultation(props.doc, props.id, patch)
  return (
    <tr data-testid="consultation-row">
      <td class="num">{n()}</td>
      <td class="wide">
        <BoundTextField hideLabel text={(row(), textOrNone(() => consultationText(props.doc, props.id, 'committee')))} label={label(t('cons.committee'))} readOnly={readOnly()} value={row().committee} maxLength={200} onWrite={(v) => update({ committee: v })} />
      </td>
      <td>
        <SelectField
          hideLabel
          label={label(t('cons.purpose'))}
          readOnly={readOnly()}
          value={row().purpose}
          choices={consultationPurposes.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
          onWrite={(v) => update({ purpose: v as ConsultationPurpose })}
        />
      </td>
      <td>
        <SelectField
          hideLabel
          label={label(t('cons.public'))}
          readOnly={readOnly()}
          value={row().public ? 'public' : 'closed'}
          choices={[
            { value: 'public', label: t('cons.publicYes') },
            { value: 'closed', label: t('cons.publicNo') },
          ]}
          onWrite={(v) => update({ public: v === 'public' })}
        />
      </td>
      <td class="date">
        <ParsedField
          hideLabel
          label={label(t('cons.date'))}
          readOnly={readOnly()}
          value={row().sessionDate}
          format={formatDateInput}
          parse={parseDateInput}
          onWrite={(v) => update({ sessionDate: v })}
          unreadable={validationText(validationMessages.date_invalid)}
          placeholder={t('input.datePlaceholder')}
          testId="session-date"
        />
      </td>
      <td class="actions">
        <RowActions
          name={t('cons.row', { n: n() })}
          index={props.index}
          count={props.count}
          canEdit={props.canEdit}
          reorder
          onMove={(to) => tryWrite(() => moveConsultation(props.doc, props.id, to))}
          onRemove={() => tryWrite(() => removeConsultation(props.doc, props.id))}
        />
      </td>
    </tr>
  )
}
