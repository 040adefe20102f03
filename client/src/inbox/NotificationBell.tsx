// The bell in the header: the unread count, live; opened, the latest notifications, each a link to its
// place on the board (following one marks it read), "all read", and the way to the settings.
import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import type { NotificationEntry, NotificationList } from '../../../shared/notifications'
import { formatDate } from '../../../shared/format'
import { api, lastLoaded } from '../api'
import { formatDateTime, t } from '../i18n'
import { Link } from '../router'
import { liveVersion } from './live-channel'
import './notifications.css'

export function NotificationBell() {
  // A failed fetch (server restarting, connection lost) keeps the last list; the next change on the live channel, or its reconnect, fetches again.
  const [list, { refetch }] = createResource<NotificationList | undefined, number>(liveVersion, (_version, { value }) =>
    api.notifications().catch(() => value),
  )
  const [names] = createResource(() => import('../departments'))
  const [open, setOpen] = createSignal(false)
  const unread = () => list.latest?.unread ?? 0
  let box!: HTMLDivElement
  let button!: HTMLButtonElement

  const close = () => setOpen(false)
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open()) {
      close()
      button.focus()
    }
  }
  const onOutside = (event: MouseEvent) => {
    if (open() && !box.contains(event.target as Node)) close()
  }
  onMount(() => {
    document.addEventListener('keydown', onKey)
    document.addEventListener('click', onOutside)
  })
  onCleanup(() => {
    document.removeEventListener('keydown', onKey)
    document.removeEventListener('click', onOutside)
  })

  const follow = (entry: NotificationEntry) => {
    close()
    if (!entry.read) void api.markRead([entry.id]).then(refetch)
  }
  const sentence = (entry: NotificationEntry) =>
    t(`note.${entry.kind}`, {
      actor: entry.detail.actorName ?? '',
      department: entry.detail.departmentId ? (lastLoaded(names)?.departmentLabel(entry.detail.departmentId) ?? entry.detail.departmentId) : '',
      date: entry.detail.due ? formatDate(entry.detail.due) : '',
    })

  return (
    <div class="bell" ref={box}>
      <button
        ref={button}
        type="button"
        class="bell-button"
        aria-expanded={open()}
        aria-controls="notification-panel"
        aria-label={t('note.open', { n: unread() })}
        onClick={() => setOpen(!open())}
        data-testid="notification-bell"
      >
        <BellIcon />
        <Show when={unread() > 0}>
          <span class="unread" data-testid="unread-count" aria-hidden="true">
            {unread()}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <div id="notification-panel" class="bell-panel" role="region" aria-label={t('note.title')} data-testid="notification-panel">
          <div class="bell-head">
            <strong>{t('note.title')}</strong>
            <button type="button" class="link-button" disabled={unread() === 0} onClick={() => void api.markRead('all').then(refetch)}>
              {t('note.markAll')}
            </button>
          </div>
          <Show when={(list.latest?.entries.length ?? 0) > 0} fallback={<p class="muted">{t('note.empty')}</p>}>
            <ul class="bell-list">
              <For each={list.latest!.entries}>
                {(entry) => (
                  <li classList={{ unread: !entry.read }} data-testid="notification" data-kind={entry.kind}>
                    <Link href={entry.href} onFollow={() => follow(entry)}>
                      {sentence(entry)}
                    </Link>
                    <span class="bell-meta">
                      {entry.number ? `GRDrs ${entry.number} · ` : ''}
                      {entry.title} · {formatDateTime(entry.createdAt)}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Link href="/settings" class="bell-settings" onFollow={close}>
            {t('note.settings')}
          </Link>
        </div>
      </Show>
    </div>
  )
}

function BellIcon() {
  return (
    <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-5.5-1.5-1.8V10a5.5 5.5 0 0 0-4.25-5.36V4a1.25 1.25 0 0 0-2.5 0v.64A5.5 5.5 0 0 0 6.5 10v4.7L5 16.5V18h14v-1.5Z"
      />
    </svg>
  )
}
