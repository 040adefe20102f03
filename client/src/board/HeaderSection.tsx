// The header block: Betreff (a live Y.Text), GRDrs number, kind, Referat, GZ, date, lead department (read-only).
import { onCleanup, onMount } from 'solid-js'
import type * as Y from 'yjs'
import { headerText, proposalKinds, readHeader, setHeaderField, titleMaxLength, titleText, validateHeaderField } from '../../../shared/model'
import { validationMessages } from '../../../shared/model/messages'
import { kindLabel, t, validationText } from '../i18n'
import { departmentLabel } from '../departments'
import { bindText } from '../text-binding'
import { useFieldPresence } from './field-presence'
import { BoundTextField, ParsedField, SelectField } from './fields'
import { formatDateInput, parseDateInput } from './format-input'
import { Section } from './Section'
import { useDocValue } from '../use-doc-value'

/** `leadDepartmentId`: the proposal's lead as the server records it; a saved version shows its own header value. */
export function HeaderSection(props: { doc: Y.Doc; canEdit: boolean; leadDepartmentId?: string }) {
  const header = useDocValue(props.doc, readHeader, { roots: ['header'] })
  const readOnly = () => !props.canEdit
  let titleField!: HTMLTextAreaElement
  onMount(() => onCleanup(bindText(titleField, titleText(props.doc))))
  const titlePresence = useFieldPresence(() => 'header/title', 'proposal-title')

  return (
    <Section id="header" title={t('header.title')}>
      <div class="header-grid">
        <div class="field span-all" {...titlePresence.box()}>
          <label for="proposal-title">{t('header.betreff')}</label>
          <div class="peer-anchor">
            <titlePresence.Tags />
          </div>
          {/* A text area, so a long Betreff shows whole; it stays one line of text (Enter does nothing). */}
          <textarea
            id="proposal-title"
            class="title-input"
            ref={titleField}
            rows={1}
            readOnly={readOnly()}
            maxLength={titleMaxLength}
            aria-describedby={titlePresence.describedBy()}
            onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          />
        </div>
        <ParsedField
          id="header-number"
          field="header/number"
          label={t('header.number')}
          readOnly={readOnly()}
          value={header().number}
          format={(v) => v}
          parse={(text) => text.trim()}
          onWrite={(v) => setHeaderField(props.doc, 'number', v)}
          unreadable=""
          placeholder="949/2019"
        />
        <SelectField
          id="header-kind"
          field="header/kind"
          label={t('header.kind')}
          readOnly={readOnly()}
          value={header().kind}
          choices={proposalKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
          onWrite={(v) => setHeaderField(props.doc, 'kind', v as (typeof proposalKinds)[number])}
        />
        <ParsedField
          id="header-date"
          field="header/date"
          label={t('header.date')}
          readOnly={readOnly()}
          value={header().date}
          format={formatDateInput}
          parse={parseDateInput}
          onWrite={(v) => setHeaderField(props.doc, 'date', v)}
          unreadable={validationText(validationMessages.date_invalid)}
          placeholder={t('input.datePlaceholder')}
        />
        {/* Read-only: the lead is the proposal's (rights, list, export), not a content field anyone could retype. */}
        <div class="field">
          <label for="header-lead">{t('header.lead')}</label>
          <input
            id="header-lead"
            data-testid="header-lead"
            readOnly
            aria-describedby="header-lead-hint"
            value={departmentLabel(props.leadDepartmentId ?? header().leadDepartment)}
          />
          <span class="hint-line" id="header-lead-hint">
            {t('header.leadHint')}
          </span>
        </div>
        <BoundTextField
          id="header-referat"
          field="header/referat"
          text={(header(), headerText(props.doc, 'referat'))}
          class="span-3"
          label={t('header.referat')}
          readOnly={readOnly()}
          value={header().referat}
          maxLength={200}
          onWrite={(v) => setHeaderField(props.doc, 'referat', v)}
        />
        <BoundTextField
          id="header-gz"
          field="header/gz"
          text={(header(), headerText(props.doc, 'gz'))}
          validate={(v) => validateHeaderField('gz', v)}
          label={t('header.gz')}
          readOnly={readOnly()}
          value={header().gz}
          maxLength={40}
          onWrite={(v) => setHeaderField(props.doc, 'gz', v)}
        />
        <BoundTextField
          id="header-signatory"
          field="header/signatory"
          text={(header(), headerText(props.doc, 'signatory'))}
          class="span-all"
          multiline
          label={t('header.signatory')}
          readOnly={readOnly()}
          value={header().signatory}
          maxLength={300}
          placeholder={t('header.signatoryPlaceholder')}
          onWrite={(v) => setHeaderField(props.doc, 'signatory', v)}
        />
      </div>
    </Section>
  )
}
