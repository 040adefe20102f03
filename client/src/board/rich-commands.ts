// Editing commands for the rich-text schema (headings, lists, marks, links, simple tables) and the
// keymap that binds them; the toolbar and the keyboard share these.
import { baseKeymap, chainCommands, setBlockType, toggleMark } from 'prosemirror-commands'
import type { MarkType, Node as PMNode, NodeType } from 'prosemirror-model'
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list'
import { TextSelection, type Command, type EditorState } from 'prosemirror-state'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { richTextSchema } from '../../../shared/rich-text'
import { isSafeHref } from '../../../shared/rich-text-rules'

const { nodes, marks } = richTextSchema

export type BlockKind = 'paragraph' | 'h1' | 'h2' | 'h3'

export function blockKindAt(state: EditorState): BlockKind | undefined {
  const parent = state.selection.$from.parent
  if (parent.type === nodes.paragraph) return 'paragraph'
  if (parent.type === nodes.heading) return `h${parent.attrs.level}` as BlockKind
  return undefined
}

export const setBlock = (kind: BlockKind): Command =>
  kind === 'paragraph' ? setBlockType(nodes.paragraph!) : setBlockType(nodes.heading!, { level: Number(kind.slice(1)) })

export function isMarkActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks())
  return state.doc.rangeHasMark(from, to, type)
}

/** The innermost list around the selection, if any. */
export function listTypeAt(state: EditorState): NodeType | undefined {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const type = $from.node(depth).type
    if (type === nodes.bullet_list || type === nodes.ordered_list) return type
  }
  return undefined
}

/** Wraps in a list; inside the same kind of list, lifts out of it (a toggle, as in word processors). */
export const toggleList =
  (type: NodeType): Command =>
  (state, dispatch) => {
    if (listTypeAt(state) === type) return liftListItem(nodes.list_item!)(state, dispatch)
    return wrapInList(type)(state, dispatch)
  }

export const toggleBold = toggleMark(marks.strong!)
export const toggleItalic = toggleMark(marks.em!)

/** The link target at the cursor, for the link form. */
export function linkAt(state: EditorState): string | undefined {
  const mark = marks.link!.isInSet(state.selection.$from.marks())
  return mark?.attrs.href as string | undefined
}

/** The server refuses any other link target, so the editor refuses it first. */
export const safeHref = (href: string): boolean => isSafeHref(href)

/** Sets (or with an empty href removes) a link on the selection. */
export const setLink =
  (href: string): Command =>
  (state, dispatch) => {
    const { from, to, empty } = state.selection
    if (empty) return false
    if (href && !safeHref(href)) return false
    if (dispatch) {
      const tr = state.tr.removeMark(from, to, marks.link!)
      if (href) tr.addMark(from, to, marks.link!.create({ href: href.trim() }))
      dispatch(tr.scrollIntoView())
    }
    return true
  }

const cell = () => nodes.table_cell!.create(null, nodes.paragraph!.create())

/** Inserts a table of `rows` × `columns` empty cells after the current block. */
export const insertTable =
  (rows = 2, columns = 3): Command =>
  (state, dispatch) => {
    const table = nodes.table!.create(
      null,
      Array.from({ length: rows }, () => nodes.table_row!.create(null, Array.from({ length: columns }, cell))),
    )
    if (dispatch) {
      const { $to } = state.selection
      const insertAt = $to.depth > 0 ? $to.after(1) : $to.pos
      const tr = state.tr.insert(insertAt, table)
      tr.setSelection(TextSelection.near(tr.doc.resolve(insertAt + 3)))
      dispatch(tr.scrollIntoView())
    }
    return true
  }

function rowAt(state: EditorState): { row: PMNode; after: number } | undefined {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type === nodes.table_row) return { row: $from.node(depth), after: $from.after(depth) }
  }
  return undefined
}

export const inTable = (state: EditorState) => rowAt(state) !== undefined

/** Adds an empty row below the current one, with as many cells. */
export const addTableRow: Command = (state, dispatch) => {
  const found = rowAt(state)
  if (!found) return false
  if (dispatch) {
    const row = nodes.table_row!.create(null, Array.from({ length: found.row.childCount }, cell))
    const tr = state.tr.insert(found.after, row)
    tr.setSelection(TextSelection.near(tr.doc.resolve(found.after + 3)))
    dispatch(tr.scrollIntoView())
  }
  return true
}

const hardBreak: Command = (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(nodes.hard_break!.create()).scrollIntoView())
  return true
}

// Undo/redo go through y-prosemirror's UndoManager: only one's own edits are undone, never a peer's.
export const richKeymap: Record<string, Command> = {
  'Mod-z': undoCommand,
  'Mod-y': redoCommand,
  'Shift-Mod-z': redoCommand,
  'Mod-b': toggleBold,
  'Mod-i': toggleItalic,
  'Mod-Alt-0': setBlock('paragraph'),
  'Mod-Alt-1': setBlock('h1'),
  'Mod-Alt-2': setBlock('h2'),
  'Mod-Alt-3': setBlock('h3'),
  'Shift-Mod-8': toggleList(nodes.bullet_list!),
  'Shift-Mod-9': toggleList(nodes.ordered_list!),
  Enter: splitListItem(nodes.list_item!),
  'Mod-[': liftListItem(nodes.list_item!),
  'Mod-]': sinkListItem(nodes.list_item!),
  'Shift-Enter': chainCommands(hardBreak),
  'Mod-Enter': addTableRow,
}

export { baseKeymap }
