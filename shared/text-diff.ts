// The smallest single replacement between two strings: how a typed change becomes a minimal Y.Text edit.

export type TextChange = { index: number; remove: number; insert: string }

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * The single replacement (common prefix and suffix kept) that turns `before` into `after`.
 * `caret` is the caret after the edit: in a run of equal letters it tells where the user typed.
 */
export function diffText(before: string, after: string, caret = after.length): TextChange {
  const maxPrefix = Math.min(before.length, after.length, caret)
  let prefix = 0
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  // Never cut a surrogate pair: Yjs would store each half as U+FFFD.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
  const maxSuffix = Math.min(before.length, after.length) - prefix
  let suffix = 0
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) }
}
