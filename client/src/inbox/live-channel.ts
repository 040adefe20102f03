// The signed-in person's live channel (server-sent events on /api/me/events): a counter that grows
// whenever the server says the inbox or the notifications changed, and when the channel (re)opens.
// One per window, opened while someone is signed in; the browser's EventSource reconnects by itself.
import { createEffect, createRoot, createSignal } from 'solid-js'
import { currentUser } from '../session'

const [version, setVersion] = createSignal(0)
const bump = () => setVersion((v) => v + 1)

/** Read it in a resource's source to refetch on every change. */
export const liveVersion = version

createRoot(() => {
  let source: EventSource | undefined
  createEffect(() => {
    const userId = currentUser()?.id
    source?.close()
    source = undefined
    if (!userId) return
    source = new EventSource('/api/me/events')
    // "ready" also follows a reconnect: what changed meanwhile is fetched again.
    source.addEventListener('ready', bump)
    source.addEventListener('changed', bump)
  })
})
