// The DOCX and PDF of a released version, rendered by the exporter as the version's own downloads are
// (equal paper and stamp, equal bytes), and their size and SHA-512, remembered per version and format.
import { createHash } from 'node:crypto'
import type { Exporter } from '../export/exporter'
import { loadSource } from '../versions/sources'
import type { VersionDeps } from '../versions/versions'
import type { Release } from './catalog'
import type { FileFormat } from './urls'

export type FileFacts = { size: number; sha512: string; fileName: string }

export type ReleasedFiles = {
  bytes(release: Release, format: FileFormat): Promise<{ bytes: Uint8Array; fileName: string }>
  facts(release: Release, format: FileFormat): Promise<FileFacts>
}

/** Runs at most `concurrency` tasks at once; the others wait in order. */
function limiter(concurrency: number) {
  let active = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < concurrency) active++
    // A finished task hands its slot straight to the next waiting one.
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}

export function createReleasedFiles(deps: VersionDeps & { exporter: Exporter }, options: { cachedFacts?: number; concurrentRenders?: number } = {}): ReleasedFiles {
  const capacity = options.cachedFacts ?? 10_000
  const facts = new Map<string, Promise<FileFacts>>()
  // A first read of a long paper list needs many renders; handed to the pool all at once, the last ones
  // would wait past the render time limit in the workers' queues. Two at a time, as the pool has workers.
  const limited = limiter(options.concurrentRenders ?? 2)

  const bytes = (release: Release, format: FileFormat) =>
    limited(async () => {
      const source = await loadSource(deps, release.proposalId, release.versionId)
      try {
        return format === 'pdf' ? await deps.exporter.pdf(source) : await deps.exporter.docx(source)
      } finally {
        source.doc.destroy()
      }
    })

  return {
    bytes,
    facts(release, format) {
      const key = `${release.versionId}/${format}`
      const known = facts.get(key)
      if (known) return known
      const computing = bytes(release, format).then(({ bytes: data, fileName }) => ({
        size: data.byteLength,
        sha512: createHash('sha512').update(data).digest('hex'),
        fileName,
      }))
      facts.set(key, computing)
      // A failed render is not remembered; the next request tries again.
      computing.catch(() => facts.get(key) === computing && facts.delete(key))
      while (facts.size > capacity) facts.delete(facts.keys().next().value!)
      return computing
    },
  }
}
