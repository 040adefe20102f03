// One colour per person, the same on every screen: presence, cursors, authorship and suggestions use it.

/** Readable on white and distinct from each other; y-prosemirror wants `#rrggbb`. */
const palette = ['#1d6fb8', '#b8461d', '#2e8540', '#8a3ab9', '#c0392b', '#0f7c80', '#9c6b00', '#c2185b', '#4e5ba6', '#5d7b1f']

/** The same colour for a user on every screen and every visit: a hash of the user id. */
export function colorForUser(userId: string): string {
  let hash = 2166136261
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 16777619)
  return palette[(hash >>> 0) % palette.length]!
}
