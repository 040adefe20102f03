// Who is in which board field: our focus goes out as awareness `focus: { field }` (only when it
// changes), and a colleague's focus shows on that field as a coloured outline with their name.
import { createContext, createSignal, For, onCleanup, Show, useContext, type Accessor, type JSX } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { t } from '../i18n'

export type FieldPeer = { clientId: number; name: string; color: string }

type Scope = { peersOn(field: string): FieldPeer[] }
const FieldPresenceContext = createContext<Scope>()

/** The field id of the element (or its nearest ancestor) marked `data-field`. */
const fieldOf = (target: EventTarget | null): string | undefined =>
  target instanceof Element ? target.closest<HTMLElement>('[data-field]')?.dataset.field : undefined

/** Everyone else's focus, by field; the server has stamped `user` and checked `focus`. */
function readPeers(awareness: Awareness): Map<string, FieldPeer[]> {
  const byField = new Map<string, FieldPeer[]>()
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const { user, focus } = state as { user?: { name?: unknown; color?: unknown }; focus?: { field?: unknown } | null }
    const field = focus?.field
    if (typeof field !== 'string' || typeof user?.name !== 'string') continue
    const color = typeof user.color === 'string' ? user.color : '#5b6675'
    byField.set(field, [...(byField.get(field) ?? []), { clientId, name: user.name, color }])
  }
  return byField
}

const samePeers = (a: Map<string, FieldPeer[]>, b: Map<string, FieldPeer[]>) => JSON.stringify([...a]) === JSON.stringify([...b])

/** Around the board: announces which field has our focus and tells each field who else is in it. */
export function FieldPresenceScope(props: { awareness: Awareness; children: JSX.Element }) {
  const [peers, setPeers] = createSignal(readPeers(props.awareness), { equals: samePeers })
  const onChange = () => setPeers(readPeers(props.awareness))
  props.awareness.on('change', onChange)
  let current: string | null = null
  const announce = (field: string | null) => {
    if (field === current) return
    current = field
    props.awareness.setLocalStateField('focus', field === null ? null : { field })
  }
  onCleanup(() => {
    props.awareness.off('change', onChange)
    announce(null)
  })
  return (
    <FieldPresenceContext.Provider value={{ peersOn: (field) => peers().get(field) ?? [] }}>
      <div
        class="field-presence-scope"
        onFocusIn={(event) => announce(fieldOf(event.target) ?? null)}
        // Moving between fields: the focusin that follows announces the new one, in one message.
        onFocusOut={(event) => fieldOf(event.relatedTarget) === undefined && announce(null)}
      >
        {props.children}
      </div>
    </FieldPresenceContext.Provider>
  )
}

export type FieldPresence = {
  peers: Accessor<FieldPeer[]>
  /** The control's aria-describedby: its own ids plus the colleagues' names when someone is there. */
  describedBy(...own: (string | undefined)[]): string | undefined
  /** The attributes of the field's box: its id for focus tracking, the outline colour. */
  box(): { 'data-field'?: string; 'data-peer-focus'?: string; style?: JSX.CSSProperties }
  Tags(): JSX.Element
}

/** A field's view of the others' focus; `field` is its stable id (none: the field takes no part). */
export function useFieldPresence(field: () => string | undefined, controlId: string): FieldPresence {
  const scope = useContext(FieldPresenceContext)
  const tagsId = `${controlId}-presence`
  const peers = () => {
    const id = field()
    return scope && id ? scope.peersOn(id) : []
  }
  return {
    peers,
    describedBy: (...own) => [...own, peers().length ? tagsId : undefined].filter(Boolean).join(' ') || undefined,
    box: () => {
      const first = peers()[0]
      return {
        'data-field': field(),
        'data-peer-focus': first ? 'true' : undefined,
        style: first ? { '--peer-color': first.color } : undefined,
      }
    },
    Tags: () => (
      <Show when={peers().length > 0}>
        <span class="peer-tags" id={tagsId} data-testid="field-peers">
          <span class="visually-hidden">{t('presence.inField')} </span>
          <For each={peers()}>
            {(peer) => (
              <span class="peer-tag" data-testid="field-peer" data-color={peer.color} style={{ 'background-color': peer.color }}>
                {peer.name}
              </span>
            )}
          </For>
        </span>
      </Show>
    ),
  }
}
