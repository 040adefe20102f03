// One entry point for the files of a version or draft: DOCX and PDF (the OParl JSON describing them is server/oparl/).
import { readHeader } from '../../shared/model'
import type { ContentSource } from '../versions/sources'
import { exportBaseName, type ExportFormat } from './file-names'
import { buildPaper, type Paper } from './paper'
import type { Renderer } from './render-pool'
import { createRenderCache, renderKey } from './render-cache'

export type ExporterOptions = {
  organisationName: string
  /** Where files are rendered: the worker pool on the server (never its own thread), anything in tests. */
  render: Renderer
}

export type ExportedBytes = { bytes: Uint8Array; fileName: string }

export function createExporter(options: ExporterOptions) {
  const cache = createRenderCache()
  const { render } = options
  const paperOf = (source: ContentSource): Paper =>
    buildPaper({ organisationName: options.organisationName, doc: source.doc, record: source.record, version: source.version, draft: source.draft, stamp: source.stamp })

  const fileName = (source: ContentSource, format: ExportFormat): string => {
    const { number, title } = readHeader(source.doc)
    return `${exportBaseName({ number, title, versionNumber: source.version?.number ?? null, draft: source.draft })}.${format}`
  }

  /**
   * The paper and the stamp decide every byte. The draft's stamp (its last change) is left out of the
   * key: the same draft content gives the file already rendered, so a JSON's checksums stay true.
   */
  const file = async (format: 'docx' | 'pdf', source: ContentSource, paper: Paper): Promise<ExportedBytes> => {
    const key = source.version ? renderKey(format, paper, source.stamp) : renderKey(format, { ...paper, stateLabel: '' }, source.proposal.id)
    return { bytes: await cache.get(key, () => render(format, paper, source.stamp)), fileName: fileName(source, format) }
  }
  const docx = (source: ContentSource, paper = paperOf(source)) => file('docx', source, paper)
  const pdf = (source: ContentSource, paper = paperOf(source)) => file('pdf', source, paper)

  return { paperOf, docx, pdf, fileName }
}

export type Exporter = ReturnType<typeof createExporter>
