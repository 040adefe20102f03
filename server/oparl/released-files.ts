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

export function createReleasedFiles(deps: VersionDeps & { exporter: Exporter }, options: { cachedFacts?: number } = {}): ReleasedFiles {
  const capacity = options.cachedFacts ?? 10_000
  const facts = new Map<string, Promise<FileFacts>>()

  const bytes = async (release: Release, format: FileFormat) => {
    const source = await loadSource(deps, release.proposalId, release.versionId)
    try {
      return format === 'pdf' ? await deps.exporter.pdf(source) : await deps.exporter.docx(source)
    } finally {
      source.doc.destroy()
    }
  }

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
