// Takes the board to the place a link names (shared/board-links.ts): a department's signature, the
// co-signing section, or a comment thread (opened in the comments panel) — once, when it is there.
import { createEffect, type Accessor } from 'solid-js'
import { placeOfFragment } from '../../../shared/board-links'
import type { RecordThread } from '../../../shared/record'
import { hash } from '../router'

export function followBoardPlace(options: { ready: Accessor<boolean>; threads: Accessor<RecordThread[]>; showThread(threadId: string): void }): void {
  let followed = ''
  createEffect(() => {
    const fragment = hash()
    const place = placeOfFragment(fragment)
    if (!place || fragment === followed || !options.ready()) return
    if (place.kind === 'thread') {
      // The record may still be on its way: wait until it knows the thread.
      if (!options.threads().some((thread) => thread.id === place.threadId)) return
      followed = fragment
      options.showThread(place.threadId)
      return
    }
    if (place.kind === 'proposal') return
    followed = fragment
    // A department's entry appears a moment after the record: look for it over a few frames.
    retry(place.kind === 'cosign' ? 'section-cosign' : `cosign-${place.departmentId}`)
  })
}

function show(target: HTMLElement): void {
  target.scrollIntoView({ block: 'center' })
  target.focus({ preventScroll: true })
}

/** Tries for about two seconds of frames: the element may not be rendered yet. */
function retry(id: string, frames = 120): void {
  const target = document.getElementById(id)
  if (target) show(target)
  else if (frames > 0) requestAnimationFrame(() => retry(id, frames - 1))
}
