// The Beschlussantrag: numbered items, each a small live rich-text editor; add, reorder, remove.
import { For, Show } from 'solid-js'
import type { EditorView } from 'prosemirror-view'
import type * as Y from 'yjs'
import { addResolutionItem, moveResolutionItem, removeResolutionItem, resolutionItemFragment } from '../../../shared/model'
import { entries } from '../../../shared/model/collections'
import { t } from '../i18n'
import { tryWrite } from './fields'
import { ConsistencyHints } from './ConsistencyHints'
import { RichText } from './RichText'
import { RowActions, Section } from './Section'
import { useDocValue } from '../use-doc-value'

export function ResolutionSection(props: { doc: Y.Doc; canEdit: boolean }) {
  const ids = useDocValue(props.doc, (doc) => entries(doc, 'resolution').map((e) => e.id), { roots: ['resolution'] })
  const views = new Map<string, EditorView>()
  let focusNext: string | undefined

  const add = () =>
    tryWrite(() => {
      const id = addResolutionItem(props.doc, [''])
      // The new item's editor mounts during the write, or right after it; either way it gets the caret.
      const view = views.get(id)
      if (view) view.focus()
      else focusNext = id
    })

  return (
    <Section id="resolution" title={t('res.title')}>
      <Show when={ids().length > 0} fallback={<p class="muted empty">{t('res.empty')}</p>}>
        <ol class="resolution-list" data-testid="resolution">
          <For each={ids()}>
            {(id, index) => {
              const name = () => t('res.item', { n: index() + 1 })
              return (
                <li class="resolution-item" data-testid="resolution-item">
                  <span class="resolution-number" aria-hidden="true">
                    {index() + 1}.
                  </span>
                  <RichText
                    fragment={resolutionItemFragment(props.doc, id)}
                    canEdit={props.canEdit}
                    label={name()}
                    field={`resolution/${id}`}
                    class="compact"
                    onView={(view) => {
                      views.set(id, view)
                      // A new item gets the caret, so one can type right after "add".
                      if (focusNext === id) {
                        focusNext = undefined
                        view.focus()
                      }
                    }}
                  />
                  <RowActions
                    name={name()}
                    index={index()}
                    count={ids().length}
                    canEdit={props.canEdit}
                    reorder
                    onMove={(to) => tryWrite(() => moveResolutionItem(props.doc, id, to))}
                    onRemove={() => {
                      views.delete(id)
                      tryWrite(() => removeResolutionItem(props.doc, id))
                    }}
                  />
                </li>
              )
            }}
          </For>
        </ol>
      </Show>
      <Show when={props.canEdit}>
        <button type="button" class="add-button" onClick={add}>
          + {t('res.add')}
        </button>
      </Show>
      <ConsistencyHints doc={props.doc} />
    </Section>
  )
}
