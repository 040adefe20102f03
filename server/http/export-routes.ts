// REST for the committee export of a version or the live draft: DOCX, PDF, and OParl 1.1 JSON.
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { versionRefSchema } from '../../shared/versions'
import type { Config } from '../config'
import type { Exporter } from '../export/exporter'
import type { OparlEndpoint } from '../oparl/endpoint'
import { versionPaper } from '../oparl/version-paper'
import type { OparlLink } from '../../shared/api-responses'
import { contentDisposition, mediaTypes, type ExportFormat } from '../export/file-names'
import { RenderFailedError, RenderUnavailableError } from '../export/render-pool'
import { loadSource, type ContentSource } from '../versions/sources'
import type { VersionDeps } from '../versions/versions'
import type { ProposalEnv } from './proposal-access'

export type ExportRouteDeps = VersionDeps & { config: Pick<Config, 'publicBaseUrl'>; exporter: Exporter; oparl: OparlEndpoint }

/** A render that failed is the export's answer, not a server error. */
export function renderRefusal(error: unknown): never {
  if (error instanceof RenderUnavailableError) throw new HTTPException(503, { message: `the export could not be rendered: ${error.message}` })
  if (error instanceof RenderFailedError) throw new HTTPException(422, { message: `the content cannot be exported: ${error.message}` })
  throw error
}

export function exportRoutes(deps: ExportRouteDeps) {
  const { config, exporter } = deps

  /** Reading rights suffice; the source is a detached copy, destroyed once the answer is built. */
  async function withSource<T>(c: Context<ProposalEnv>, use: (source: ContentSource, ref: string) => Promise<T>): Promise<T> {
    // Reading rights are the access itself: proposalAccess has loaded the proposal.
    const proposalId = c.get('access').proposal.id
    const ref = versionRefSchema.safeParse(c.req.param('version'))
    if (!ref.success) throw new HTTPException(404, { message: 'no such version' })
    const source = await loadSource(deps, proposalId, ref.data)
    try {
      return await use(source, ref.data)
    } catch (error) {
      return renderRefusal(error)
    } finally {
      source.doc.destroy()
    }
  }

  // The renderers allocate plain ArrayBuffers, never shared ones.
  const file = (c: Context, format: ExportFormat, bytes: Uint8Array, fileName: string) =>
    c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': mediaTypes[format], 'content-disposition': contentDisposition(fileName), 'cache-control': 'private, no-cache' })

  return new Hono<ProposalEnv>()
    .get('/:id/oparl', async (c) => c.json(await deps.oparl.link(c.get('access').proposal.id) satisfies OparlLink))
    .get('/:id/versions/:version/export.docx', (c) =>
      withSource(c, async (source) => {
        const { bytes, fileName } = await exporter.docx(source)
        return file(c, 'docx', bytes, fileName)
      }),
    )
    .get('/:id/versions/:version/export.pdf', (c) =>
      withSource(c, async (source) => {
        const { bytes, fileName } = await exporter.pdf(source)
        return file(c, 'pdf', bytes, fileName)
      }),
    )
    .get('/:id/versions/:version/export.json', (c) =>
      withSource(c, async (source, ref) => {
        // From the configuration, never from the request: a forged Host header must not reach the ids.
        const baseUrl = config.publicBaseUrl
        const urlOf = (format: ExportFormat) => `${baseUrl}/api/proposals/${source.proposal.id}/versions/${ref}/export.${format}`
        const link = await deps.oparl.link(source.proposal.id)
        const oparlPaperUrl = link.enabled && link.paperUrl ? link.paperUrl : undefined
        const { json, fileName } = await versionPaper(exporter, source, { baseUrl, urlOf, oparlPaperUrl })
        return c.json(json, 200, { 'content-disposition': contentDisposition(fileName, 'inline'), 'cache-control': 'private, no-cache' })
      }),
    )
}
