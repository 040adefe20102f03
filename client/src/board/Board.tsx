// The planning board: every part of a proposal, each section live on the shared Y.Doc, with a section nav.
import { children, createSignal, For, onMount, type JSX } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { t, type MessageKey } from '../i18n'
import { AttachmentsSection } from './AttachmentsSection'
import { BodySection } from './BodySection'
import { ConsultationsSection } from './ConsultationsSection'
import { FieldPresenceScope } from './field-presence'
import { FinanceSection } from './FinanceSection'
import { HeaderSection } from './HeaderSection'
import { PositionsSection } from './PositionsSection'
import { ResolutionSection } from './ResolutionSection'
import type { SectionId } from './Section'
import './board.css'
import './fields.css'
import './tables.css'

export type BoardProps = {
  doc: Y.Doc
  awareness: Awareness
  canEdit: boolean
  /** Where a new position starts: the user's own department. */
  defaultDepartment: string
  onReady?: () => void
  /** The co-signature section (server-owned record), placed where the papers have it: after the finances. */
  cosign?: JSX.Element
  /** The proposal's lead department as the server records it (shown read-only in the header). */
  leadDepartmentId?: string
  /** The proposal shown: with it, the Begründung can show who wrote what. */
  proposalId?: string
}

const sections: { id: SectionId; title: MessageKey }[] = [
  { id: 'header', title: 'header.title' },
  { id: 'consultations', title: 'cons.title' },
  { id: 'resolution', title: 'res.title' },
  { id: 'body', title: 'body.title' },
  { id: 'positions', title: 'pos.title' },
  { id: 'finance', title: 'fin.title' },
  { id: 'attachments', title: 'att.title' },
]

export function Board(props: BoardProps) {
  const [ready, setReady] = createSignal(false)
  // Children mount first; one frame later every section, editors included, is on screen.
  onMount(() =>
    requestAnimationFrame(() => {
      setReady(true)
      props.onReady?.()
    }),
  )
  // Resolved once: reading a JSX prop twice would build the section twice.
  const cosign = children(() => props.cosign)
  // The co-signature sits between the finances and the attachments, as in the papers.
  const navItems = () => {
    const items = sections.map((section) => ({ href: `#section-${section.id}`, label: t(section.title) }))
    if (cosign()) items.splice(items.length - 1, 0, { href: '#section-cosign', label: t('cosign.nav') })
    return items
  }
  return (
    <div class="board" data-testid="board" data-ready={String(ready())} data-can-edit={String(props.canEdit)}>
      <nav class="board-nav" aria-label={t('board.sections')}>
        <ol>
          <For each={navItems()}>
            {(item) => (
              <li>
                <a href={item.href}>{item.label}</a>
              </li>
            )}
          </For>
        </ol>
      </nav>
      <div class="board-sections">
        <FieldPresenceScope awareness={props.awareness}>
        <HeaderSection doc={props.doc} canEdit={props.canEdit} leadDepartmentId={props.leadDepartmentId} />
        <ConsultationsSection doc={props.doc} canEdit={props.canEdit} />
        <ResolutionSection doc={props.doc} canEdit={props.canEdit} />
        <BodySection doc={props.doc} awareness={props.awareness} canEdit={props.canEdit} proposalId={props.proposalId} />
        <PositionsSection doc={props.doc} canEdit={props.canEdit} defaultDepartment={props.defaultDepartment} />
        <FinanceSection doc={props.doc} canEdit={props.canEdit} />
        {cosign()}
        <AttachmentsSection doc={props.doc} canEdit={props.canEdit} />
        </FieldPresenceScope>
      </div>
    </div>
  )
}
