// Remembers the last few rendered files by what went into them: the OParl JSON renders both files to
// checksum them, and the downloads that usually follow then cost nothing. Equal input, equal bytes.
import { createHash } from 'node:crypto'

export type RenderCache = {
  /** The cached bytes for `key`, or renders them once (concurrent callers share the render). */
  get(key: string, render: () => Promise<Uint8Array>): Promise<Uint8Array>
}

/** A key for everything a rendered file depends on. */
export const renderKey = (format: string, ...inputs: unknown[]): string =>
  `${format}:${createHash('sha256').update(JSON.stringify(inputs)).digest('hex')}`

export function createRenderCache(capacity = 16): RenderCache {
  const entries = new Map<string, Promise<Uint8Array>>()
  return {
    get(key, render) {
      const hit = entries.get(key)
      if (hit) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(key)
        entries.set(key, hit)
        return hit
      }
      const rendering = render()
      entries.set(key, rendering)
      // A failed render is not remembered; the next request tries again.
      rendering.catch(() => entries.get(key) === rendering && entries.delete(key))
      while (entries.size > capacity) entries.delete(entries.keys().next().value!)
      return rendering
    },
  }
}
