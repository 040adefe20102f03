// Who has this proposal open right now, from the y-websocket awareness: name, department, colour.
import { createSignal, For, onCleanup } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { t } from '../i18n'
import { departmentLabel } from '../departments'
import type { PresenceUser } from '../sync'

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('')

export const isPresenceUser = (value: unknown): value is PresenceUser =>
  !!value && typeof value === 'object' && typeof (value as PresenceUser).name === 'string' && typeof (value as PresenceUser).id === 'string'

type Present = PresenceUser & { self: boolean }

export function PresenceBar(props: { awareness: Awareness }) {
  const read = (): Present[] => {
    const self = props.awareness.clientID
    const byUser = new Map<string, Present>()
    // One entry per person, even with the proposal open in two tabs.
    for (const [clientId, state] of props.awareness.getStates()) {
      const user = (state as { user?: unknown }).user
      if (!isPresenceUser(user)) continue
      const known = byUser.get(user.id)
      byUser.set(user.id, { ...user, self: clientId === self || !!known?.self })
    }
    return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
  }
  const [present, setPresent] = createSignal(read())
  const onChange = () => setPresent(read())
  props.awareness.on('change', onChange)
  onCleanup(() => props.awareness.off('change', onChange))

  return (
    <div class="presence" role="group" aria-label={t('presence.label')} data-testid="presence">
      <ul class="presence-list">
        <For each={present()}>
          {(user) => (
            <li class="presence-user" data-testid="presence-user" data-self={String(user.self)} title={`${user.name} · ${departmentLabel(user.department)}`}>
              <span class="avatar" style={{ 'background-color': user.color }} aria-hidden="true">
                {initials(user.name)}
              </span>
              <span class="presence-name">
                {user.name}
                {user.self ? ` (${t('presence.you')})` : ''}
                <span class="presence-dept"> · {departmentLabel(user.department)}</span>
              </span>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
