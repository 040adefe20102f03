// REST for the committee export of a version or the live draft: DOCX, PDF, and OParl 1.1 JSON.
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { versionRefSchema } from '../../shared/versions'
import { createExporter } from '../export/exporter'
import { contentDisposition, mediaTypes, type ExportFormat } from '../export/file-names'
import { createRenderPool } from '../export/render-pool'
import { loadSource, type ContentSource } from '../versions/sources'
import type { VersionDeps } from '../versions/versions'
import type { ProposalEnv } from './proposal-access'

export type ExportRouteDeps = VersionDeps & { organisationName: string }

export function exportRoutes(deps: ExportRouteDeps) {
  const exporter = createExporter({ organisationName: deps.organisationName, render: createRenderPool() })

  /** Reading rights suffice; the source is a detached copy, destroyed once the answer is built. */
  async function withSource<T>(c: Context<ProposalEnv>, use: (source: ContentSource, ref: string) => Promise<T>): Promise<T> {
    // Reading rights are the access itself: proposalAccess has loaded the proposal.
    const proposalId = c.get('access').proposal.id
    const ref = versionRefSchema.safeParse(c.req.param('version'))
    if (!ref.success) throw new HTTPException(404, { message: 'no such version' })
    const source = await loadSource(deps, proposalId, ref.data)
    try {
      return await use(source, ref.data)
    } finally {
      source.doc.destroy()
    }
  }

  // The renderers allocate plain ArrayBuffers, never shared ones.
  const file = (c: Context, format: ExportFormat, bytes: Uint8Array, fileName: string) =>
    c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': mediaTypes[format], 'content-disposition': contentDisposition(fileName), 'cache-control': 'private, no-cache' })

  return new Hono<ProposalEnv>()
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
        const baseUrl = new URL(c.req.url).origin
        const urlOf = (format: ExportFormat) => `${baseUrl}/api/proposals/${source.proposal.id}/versions/${ref}/export.${format}`
        const { json, fileName } = await exporter.oparl(source, { baseUrl, urlOf })
        return c.json(json, 200, { 'content-disposition': contentDisposition(fileName, 'inline'), 'cache-control': 'private, no-cache' })
      }),
    )
}
