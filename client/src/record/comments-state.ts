// What the comments panel shows (open or not, which threads, a new comment on what), shared by the
// panel and the places that open it: a position's badge, the Begründung's selection.
import { createContext, createMemo, createSignal, useContext, type Accessor } from 'solid-js'
import type { EditorView } from 'prosemirror-view'
import { openThreadsByPosition, type CommentAnchor, type RecordThread } from '../../../shared/record'

export type ThreadFilter = 'open' | 'resolved' | 'all'
export type BodyAnchor = Extract<CommentAnchor, { kind: 'body' }>

/** Which threads the panel lists: all, those on one position, or one thread. */
export type CommentScope = { kind: 'all' } | { kind: 'position'; positionId: string } | { kind: 'thread'; threadId: string }

export type CommentsState = {
  threads: Accessor<RecordThread[]>
  openByPosition: Accessor<Map<string, number>>
  canComment: Accessor<boolean>
  isOpen: Accessor<boolean>
  scope: Accessor<CommentScope>
  filter: Accessor<ThreadFilter>
  mineOnly: Accessor<boolean>
  /** A Begründung range waiting for its first comment. */
  bodyDraft: Accessor<BodyAnchor | undefined>
  /** Bumped when the new-comment field should take the caret; `takeCompose` says whether a request is new. */
  composeRequest: Accessor<number>
  takeCompose(request: number): boolean
  setFilter(filter: ThreadFilter): void
  setMineOnly(mine: boolean): void
  setScope(scope: CommentScope): void
  open(): void
  close(): void
  /** Opens the panel on a position's threads; `compose` puts the caret into a new comment on it. */
  showPosition(positionId: string, options?: { compose?: boolean }): void
  showThread(threadId: string): void
  commentOnBody(anchor: BodyAnchor): void
  clearBodyDraft(): void
  /** The Begründung's editor, to show a comment's words in it. */
  bodyView: Accessor<EditorView | undefined>
  setBodyView(view: EditorView | undefined): void
}

export function createCommentsState(options: { threads: Accessor<RecordThread[]>; canComment: Accessor<boolean> }): CommentsState {
  const [isOpen, setOpen] = createSignal(false)
  const [scope, setScope] = createSignal<CommentScope>({ kind: 'all' })
  const [filter, setFilter] = createSignal<ThreadFilter>('open')
  const [mineOnly, setMineOnly] = createSignal(false)
  const [bodyDraft, setBodyDraft] = createSignal<BodyAnchor>()
  const [composeRequest, setComposeRequest] = createSignal(0)
  const [bodyView, setBodyView] = createSignal<EditorView>()
  const openByPosition = createMemo(() => openThreadsByPosition(options.threads()))
  const compose = () => setComposeRequest((n) => n + 1)
  let composeTaken = 0
  return {
    threads: options.threads,
    openByPosition,
    canComment: options.canComment,
    isOpen,
    scope,
    filter,
    mineOnly,
    bodyDraft,
    composeRequest,
    takeCompose(request) {
      if (request <= composeTaken) return false
      composeTaken = request
      return true
    },
    setFilter,
    setMineOnly,
    setScope: (next) => {
      setScope(next)
      if (next.kind !== 'all') setBodyDraft(undefined)
    },
    open: () => setOpen(true),
    close: () => setOpen(false),
    showPosition(positionId, { compose: wantsCompose = false } = {}) {
      setScope({ kind: 'position', positionId })
      setBodyDraft(undefined)
      // Open threads first; a position whose threads are all resolved shows those.
      const threads = options.threads().filter((t) => t.anchor.kind === 'position' && t.anchor.positionId === positionId)
      setFilter(threads.length > 0 && threads.every((t) => t.resolved) && !wantsCompose ? 'resolved' : 'open')
      setMineOnly(false)
      setOpen(true)
      if (wantsCompose) compose()
    },
    showThread(threadId) {
      setScope({ kind: 'thread', threadId })
      setOpen(true)
    },
    commentOnBody(anchor) {
      setScope({ kind: 'all' })
      setBodyDraft(anchor)
      setOpen(true)
      compose()
    },
    clearBodyDraft: () => setBodyDraft(undefined),
    bodyView,
    setBodyView: (view) => setBodyView(() => view),
  }
}

const CommentsContext = createContext<CommentsState>()
export const CommentsProvider = CommentsContext.Provider
/** The comments of the open proposal; undefined outside a proposal page (the board then shows no comment controls). */
export const useComments = () => useContext(CommentsContext)
