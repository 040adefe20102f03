// The frame every board section shares: a landmark with a heading, an anchor for the section nav, and actions.
import { Show, type JSX } from 'solid-js'
import { t } from '../i18n'

export type SectionId = 'header' | 'consultations' | 'resolution' | 'body' | 'positions' | 'finance' | 'attachments'

export function Section(props: { id: SectionId; title: string; aside?: JSX.Element; children: JSX.Element }) {
  return (
    <section class="board-section" id={`section-${props.id}`} aria-labelledby={`heading-${props.id}`} data-section={props.id}>
      <header class="board-section-head">
        <h2 id={`heading-${props.id}`}>{props.title}</h2>
        <Show when={props.aside}>
          <div class="board-section-aside">{props.aside}</div>
        </Show>
      </header>
      {props.children}
    </section>
  )
}

/** Move up / move down / remove for one row; hidden for read-only users. */
export function RowActions(props: {
  name: string
  index: number
  count: number
  canEdit: boolean
  reorder?: boolean
  onMove?: (toIndex: number) => void
  onRemove: () => void
}) {
  // Moving a row moves its DOM node, which drops the focus: give it back, so the key can be pressed again.
  const move = (button: HTMLButtonElement, toIndex: number) => {
    props.onMove?.(toIndex)
    const target = button.disabled ? button.parentElement?.querySelector<HTMLButtonElement>('button:not(:disabled)') : button
    target?.focus()
  }
  return (
    <Show when={props.canEdit}>
      <div class="row-actions">
        <Show when={props.reorder}>
          <button
            type="button"
            class="icon-button"
            aria-label={`${t('row.up')}: ${props.name}`}
            title={t('row.up')}
            disabled={props.index === 0}
            onClick={(event) => move(event.currentTarget, props.index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label={`${t('row.down')}: ${props.name}`}
            title={t('row.down')}
            disabled={props.index >= props.count - 1}
            onClick={(event) => move(event.currentTarget, props.index + 1)}
          >
            ↓
          </button>
        </Show>
        <button
          type="button"
          class="icon-button danger"
          aria-label={`${t('row.remove')}: ${props.name}`}
          title={t('row.remove')}
          onClick={() => props.onRemove()}
        >
          ×
        </button>
      </div>
    </Show>
  )
}
