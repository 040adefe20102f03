// Anlagen: a numbered list of attachment titles; add, reorder, remove.
import { For, Show } from 'solid-js'
import type * as Y from 'yjs'
import { addAttachment, attachmentText, getAttachment, moveAttachment, removeAttachment, updateAttachment } from '../../../shared/model'
import { entries } from '../../../shared/model/collections'
import { t } from '../i18n'
import { BoundTextField, textOrNone, tryWrite } from './fields'
import { RowActions, Section } from './Section'
import { useDocValue } from '../use-doc-value'

const roots = ['attachments']

export function AttachmentsSection(props: { doc: Y.Doc; canEdit: boolean }) {
  const ids = useDocValue(props.doc, (doc) => entries(doc, 'attachments').map((e) => e.id), { roots })
  let list: HTMLOListElement | undefined
  const add = () =>
    tryWrite(() => {
      const id = addAttachment(props.doc, {})
      list?.querySelector<HTMLInputElement>(`[data-row-id="${id}"] input`)?.focus()
    })
  return (
    <Section id="attachments" title={t('att.title')}>
      <Show when={ids().length > 0} fallback={<p class="muted empty">{t('att.empty')}</p>}>
        <ol class="attachment-list" ref={list} data-testid="attachments">
          <For each={ids()}>
            {(id, index) => {
              const row = useDocValue(props.doc, (doc) => getAttachment(doc, id), { roots })
              const name = () => t('att.item', { n: index() + 1 })
              return (
                <li class="attachment" data-row-id={id} data-testid="attachment">
                  <span class="attachment-number">{name()}</span>
                  <BoundTextField
                    hideLabel
                    text={(row(), textOrNone(() => attachmentText(props.doc, id, 'title')))}
                    class="grow"
                    label={name()}
                    readOnly={!props.canEdit}
                    value={row().title}
                    maxLength={300}
                    onWrite={(v) => updateAttachment(props.doc, id, { title: v })}
                  />
                  <RowActions
                    name={name()}
                    index={index()}
                    count={ids().length}
                    canEdit={props.canEdit}
                    reorder
                    onMove={(to) => tryWrite(() => moveAttachment(props.doc, id, to))}
                    onRemove={() => tryWrite(() => removeAttachment(props.doc, id))}
                  />
                </li>
              )
            }}
          </For>
        </ol>
      </Show>
      <Show when={props.canEdit}>
        <button type="button" class="add-button" onClick={add}>
          + {t('att.add')}
        </button>
      </Show>
    </Section>
  )
}
