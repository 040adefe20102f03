// The OParl 1.1 endpoint under /oparl/v1: read-only JSON for council information systems. Public when
// OPARL_PUBLIC=true, else only with `Authorization: Bearer <OPARL_TOKEN>`; a session cookie never counts.
import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { OparlConfig } from '../config'
import { contentDisposition, mediaTypes } from '../export/file-names'
import { listQuerySchema, type ListQuery } from '../oparl/lists'
import type { OparlEndpoint } from '../oparl/endpoint'
import { bodyKey, fileFormats, listKinds, type FileFormat, type ListKind } from '../oparl/urls'
import { renderRefusal } from './export-routes'

const sha256 = (text: string) => createHash('sha256').update(text).digest()

/**
 * Who may read: everyone when public; else the bearer token, compared in constant time. The endpoint is
 * off (404) when neither is configured. Every answer may be read cross-origin (CORS, as the spec asks):
 * no cookie is ever looked at, so a page elsewhere gains nothing a plain request would not.
 */
export function oparlAccess(config: OparlConfig): MiddlewareHandler {
  const expected = config.token === undefined ? undefined : sha256(config.token)
  return async (c, next) => {
    c.header('Access-Control-Allow-Origin', '*')
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, { 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': 'Authorization', 'Access-Control-Max-Age': '86400' })
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.json({ error: 'the OParl endpoint is read-only' }, 405, { Allow: 'GET, HEAD, OPTIONS' })
    if (!config.public) {
      if (!expected) return c.json({ error: 'the OParl endpoint is not enabled (OPARL_PUBLIC or OPARL_TOKEN)' }, 404)
      const given = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (!given || !timingSafeEqual(sha256(given), expected)) {
        return c.json({ error: 'the OParl endpoint needs its bearer token: Authorization: Bearer <token>' }, 401, { 'WWW-Authenticate': 'Bearer realm="oparl"' })
      }
    }
    c.header('Cache-Control', config.public ? 'no-cache' : 'private, no-cache')
    await next()
  }
}

/** The list query through zod; a bad filter is a 400 naming it. The links repeat the filters as given. */
function readListQuery(c: Context): ListQuery {
  const given = c.req.query()
  const parsed = listQuerySchema.safeParse(given)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new HTTPException(400, { message: `${issue.path.join('.') || 'query'}: ${issue.message}` })
  }
  const raw = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, name.endsWith('_since') || name.endsWith('_until') ? value.replace(' ', '+') : value]))
  return { ...parsed.data, raw }
}

const isListKind = (kind: string): kind is ListKind => (listKinds as readonly string[]).includes(kind)
const isFormat = (format: string): format is FileFormat => (fileFormats as readonly string[]).includes(format)

function fileParams(c: Context): { versionId: string; format: FileFormat } {
  const format = c.req.param('format')!
  if (!isFormat(format)) throw new HTTPException(404, { message: 'no such file' })
  return { versionId: c.req.param('version')!, format }
}

/** A render that failed answers 503 or 422, as the version's own exports do. */
async function rendered<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    return renderRefusal(error)
  }
}

export function oparlRoutes(endpoint: OparlEndpoint) {
  const file = (disposition: 'inline' | 'attachment') => async (c: Context) => {
    const { versionId, format } = fileParams(c)
    const answer = await rendered(() => endpoint.fileBytes(versionId, format))
    if (answer === 'gone') return c.json({ error: 'the file was withdrawn: its paper was reopened or released anew' }, 410)
    // The renderers allocate plain ArrayBuffers, never shared ones.
    return c.body(answer.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': mediaTypes[format],
      'content-disposition': contentDisposition(answer.fileName, disposition),
    })
  }

  return new Hono()
    .get('/', async (c) => c.json(await endpoint.system()))
    .get('/body', async (c) => c.json(await endpoint.bodies(readListQuery(c))))
    .get('/body/:body', async (c) => {
      if (c.req.param('body') !== bodyKey) throw new HTTPException(404, { message: 'no such body' })
      return c.json(await endpoint.body())
    })
    .get('/body/:body/:list', async (c) => {
      const kind = c.req.param('list')
      if (c.req.param('body') !== bodyKey || !isListKind(kind)) throw new HTTPException(404, { message: 'no such list' })
      const query = readListQuery(c)
      return c.json(await rendered(() => endpoint.list(kind, query)))
    })
    .get('/organization/:key', async (c) => c.json(await endpoint.organization(c.req.param('key'))))
    .get('/meeting/:key', async (c) => c.json(await endpoint.meeting(c.req.param('key'))))
    .get('/paper/:id', async (c) => c.json(await rendered(() => endpoint.paper(c.req.param('id')))))
    .get('/consultation/:paper/:item', async (c) => c.json((await endpoint.consultation(c.req.param('paper'), c.req.param('item')))))
    .get('/file/:version/:format', async (c) => {
      const { versionId, format } = fileParams(c)
      return c.json(await rendered(() => endpoint.file(versionId, format)))
    })
    .get('/file/:version/:format/content', file('inline'))
    .get('/file/:version/:format/download', file('attachment'))
    .all('*', (c) => c.json({ error: 'not found' }, 404))
}
