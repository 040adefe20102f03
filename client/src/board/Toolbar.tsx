// The Begründung toolbar: block format, bold, italic, lists, link, table, undo/redo — each also a key.
import { createSignal, Show } from 'solid-js'
import type { Command, EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { richTextSchema } from '../../../shared/rich-text'
import { t } from '../i18n'
import {
  addTableRow,
  blockKindAt,
  inTable,
  insertTable,
  isMarkActive,
  linkAt,
  listTypeAt,
  safeHref,
  setBlock,
  setLink,
  toggleBold,
  toggleItalic,
  toggleList,
  type BlockKind,
} from './rich-commands'

const { nodes, marks } = richTextSchema

const keys = (key: string, shift = false) => [t('key.ctrl'), ...(shift ? [t('key.shift')] : []), key].join('+')

export function Toolbar(props: { view: EditorView | undefined; state: EditorState | undefined; canEdit: boolean }) {
  const [linkOpen, setLinkOpen] = createSignal(false)
  const [linkError, setLinkError] = createSignal('')
  let linkInput!: HTMLInputElement

  const run = (command: Command) => {
    const view = props.view
    if (!view) return
    command(view.state, view.dispatch)
    view.focus()
  }
  const can = (command: Command) => !!props.state && props.canEdit && command(props.state)
  const active = (check: (state: EditorState) => boolean) => !!props.state && check(props.state)

  const openLink = () => {
    setLinkError('')
    setLinkOpen(true)
    linkInput.value = (props.state && linkAt(props.state)) ?? 'https://'
    linkInput.focus()
    linkInput.select()
  }
  const applyLink = (href: string) => {
    const value = href.trim()
    if (value && !safeHref(value)) return setLinkError(t('tb.linkInvalid'))
    if (props.view && !setLink(value)(props.view.state)) return setLinkError(t('tb.linkNeedsSelection'))
    setLinkOpen(false)
    run(setLink(value))
  }

  // The visible text is part of the name (WCAG 2.5.3, label in name); a glyph before it (drawn by CSS) is decoration.
  const Button = (p: { label: string; keys?: string; command: Command; pressed?: boolean; text: string; glyph?: string; class?: string }) => (
    <button
      type="button"
      class={`tool ${p.class ?? ''}`}
      aria-label={p.label}
      title={p.keys ? `${p.label} (${p.keys})` : p.label}
      aria-pressed={p.pressed === undefined ? undefined : p.pressed}
      data-glyph={p.glyph}
      disabled={!can(p.command)}
      // Keep the editor's selection: a mouse press on the toolbar must not take the focus.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => run(p.command)}
    >
      {p.text}
    </button>
  )

  return (
    <div class="toolbar" role="toolbar" aria-label={t('tb.label')} aria-controls="body-editor">
      <label class="visually-hidden" for="block-kind">
        {t('tb.block')}
      </label>
      <select
        id="block-kind"
        class="tool-select"
        disabled={!props.canEdit}
        value={(props.state && blockKindAt(props.state)) ?? ''}
        onChange={(event) => run(setBlock(event.currentTarget.value as BlockKind))}
      >
        <option value="" disabled>
          –
        </option>
        <option value="paragraph">{t('tb.paragraph')}</option>
        <option value="h1">{t('tb.h1')}</option>
        <option value="h2">{t('tb.h2')}</option>
        <option value="h3">{t('tb.h3')}</option>
      </select>
      <span class="tool-sep" aria-hidden="true" />
      <Button label={t('tb.bold')} keys={keys('B')} text="B" class="bold" command={toggleBold} pressed={active((s) => isMarkActive(s, marks.strong!))} />
      <Button label={t('tb.italic')} keys={keys('I')} text="I" class="italic" command={toggleItalic} pressed={active((s) => isMarkActive(s, marks.em!))} />
      <span class="tool-sep" aria-hidden="true" />
      <Button
        label={t('tb.bullet')}
        keys={keys('8', true)}
        glyph="•"
        text={t('tb.listShort')}
        command={toggleList(nodes.bullet_list!)}
        pressed={active((s) => listTypeAt(s) === nodes.bullet_list)}
      />
      <Button
        label={t('tb.ordered')}
        keys={keys('9', true)}
        glyph="1."
        text={t('tb.listShort')}
        command={toggleList(nodes.ordered_list!)}
        pressed={active((s) => listTypeAt(s) === nodes.ordered_list)}
      />
      <span class="tool-sep" aria-hidden="true" />
      <button
        type="button"
        class="tool"
        aria-label={t('tb.link')}
        title={t('tb.link')}
        aria-expanded={linkOpen()}
        aria-pressed={active((s) => !!linkAt(s))}
        disabled={!props.canEdit}
        onMouseDown={(event) => event.preventDefault()}
        onClick={openLink}
      >
        {t('tb.link')}
      </button>
      <Button label={t('tb.table')} text={t('tb.tableShort')} command={insertTable()} />
      <Show when={active(inTable)}>
        <Button label={t('tb.row')} keys={keys('Enter')} text={t('tb.rowShort')} command={addTableRow} />
      </Show>
      <span class="tool-sep" aria-hidden="true" />
      <Button label={t('tb.undo')} keys={keys('Z')} text="↶" command={undoCommand} />
      <Button label={t('tb.redo')} keys={keys('Y')} text="↷" command={redoCommand} />

      <form
        class="link-form"
        hidden={!linkOpen()}
        onSubmit={(event) => {
          event.preventDefault()
          applyLink(linkInput.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setLinkOpen(false)
            props.view?.focus()
          }
        }}
      >
        <label for="link-href">{t('tb.linkUrl')}</label>
        <input id="link-href" ref={linkInput} type="url" autocomplete="off" aria-describedby="link-error" />
        <button type="submit" class="small">
          {t('tb.linkApply')}
        </button>
        <button type="button" class="small secondary" onClick={() => applyLink('')}>
          {t('tb.linkRemove')}
        </button>
        <Show when={linkError()}>
          <span id="link-error" class="field-error" role="alert">
            {linkError()}
          </span>
        </Show>
      </form>
    </div>
  )
}
