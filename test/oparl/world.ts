// A server with the two demo papers, released the way the lead releases them (round, signatures,
// release over REST), and a crawler that walks its OParl endpoint from the System object.
import { createHash } from 'node:crypto'
import { expect } from 'vitest'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { oparlValidators, typeName } from './schemas'

export const demoPapers = { pakt: 'demo9492019', integration: 'demointegration20222023' } as const
export const oparlToken = 'council-system-token-0123456789'
export const users = ['sozialamt.lead', 'sozialamt.editor', 'akr.lead', 'wfb.lead'] as const

/** A server seeded with the demo papers; OParl lists have pages of two, so every list has several. */
export async function startOparlWorld(env: Record<string, string>): Promise<SignedInServer> {
  return startSignedInServer([...users], { env: { SEED_DEMO: 'all', OPARL_PAGE_SIZE: '2', ...env } })
}

/** Starts the round for AKR and WFB (unless a reopened paper has it still), both sign, the lead releases. */
export async function release(world: SignedInServer, id: string): Promise<void> {
  const lead = world.api('sozialamt.lead')
  if ((await lead.get<{ status: string }>(`/proposals/${id}`)).body.status === 'draft') {
    const round = await lead.post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }, { departmentId: 'wfb' }] })
    expect(round.status, JSON.stringify(round.body)).toBe(200)
  }
  expect((await world.api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
  expect((await world.api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'remarks', remark: 'Die Mittel sind im Haushalt 2024/2025 eingeplant.' })).status).toBe(200)
  const released = await lead.post(`/proposals/${id}/release`)
  expect(released.status, JSON.stringify(released.body)).toBe(200)
}

type Json = { [key: string]: unknown }
type FileExpectation = { size: number; sha512Checksum: string; mimeType: string; via: string }

export type CrawlResult = {
  /** Objects fetched at their own URL, by type name. */
  objects: Record<string, number>
  /** Objects seen embedded in other objects or list pages (validated too), by type name. */
  embedded: Record<string, number>
  listPages: number
  fileDownloads: number
  /** Every OParl object found, by id, as last seen. */
  byId: Map<string, Json>
  /** Every answer body, to search for what must never be there. */
  texts: string[]
}

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex')
const isOparlObject = (value: unknown): value is Json & { id: string; type: string } =>
  typeof value === 'object' && value !== null && typeof (value as Json).type === 'string' && ((value as Json).type as string).startsWith('https://schema.oparl.org/')

/**
 * Walks every URL of the endpoint reachable from `start`: lists and their pages, objects, files. Each
 * must answer 200; each object (embedded or not) must be valid against the official schema of its
 * type; each fetched object's id is the URL it was fetched from; each file is the bytes its File
 * object describes. Bounded: a crawl of more than `maxRequests` fails.
 */
export async function crawl(start: string, headers: Record<string, string> = {}, maxRequests = 500): Promise<CrawlResult> {
  const validate = oparlValidators()
  const root = new URL(start).origin + '/oparl/'
  const result: CrawlResult = { objects: {}, embedded: {}, listPages: 0, fileDownloads: 0, byId: new Map(), texts: [] }
  const queue = [start]
  const seen = new Set(queue)
  const files = new Map<string, FileExpectation>()
  const count = (bucket: Record<string, number>, type: string) => (bucket[typeName(type)] = (bucket[typeName(type)] ?? 0) + 1)

  /** Queues every endpoint URL inside `value`; validates the objects inside it (`parent` is who holds them). */
  const collect = (value: unknown, parent: string | undefined) => {
    if (typeof value === 'string') {
      const url = value.split('#')[0]!
      if (url.startsWith(root) && !seen.has(url)) {
        seen.add(url)
        queue.push(url)
      }
      return
    }
    if (Array.isArray(value)) return value.forEach((item) => collect(item, parent))
    if (typeof value !== 'object' || value === null) return
    if (isOparlObject(value) && parent !== undefined) {
      expect(validate(value), `${value.id} inside ${parent}`).toEqual([])
      count(result.embedded, value.type)
      result.byId.set(value.id, value)
    }
    if (isOparlObject(value) && typeName(value.type) === 'File' && !value.deleted) {
      const expected = { size: value.size as number, sha512Checksum: value.sha512Checksum as string, mimeType: value.mimeType as string, via: value.id }
      for (const url of [value.accessUrl, value.downloadUrl]) if (typeof url === 'string') files.set(url, expected)
    }
    for (const child of Object.values(value)) collect(child, isOparlObject(value) ? value.id : parent)
  }

  for (let requests = 0; queue.length > 0; requests++) {
    expect(requests, 'the crawl ends').toBeLessThan(maxRequests)
    const url = queue.shift()!
    const response = await fetch(url, { headers })
    expect(response.status, `GET ${url}`).toBe(200)
    const file = files.get(url)
    if (file) {
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect(response.headers.get('content-type'), url).toBe(file.mimeType)
      expect(bytes.byteLength, `size of ${url}`).toBe(file.size)
      expect(sha512(bytes), `sha512 of ${url}`).toBe(file.sha512Checksum)
      result.fileDownloads++
      continue
    }
    expect(response.headers.get('content-type'), url).toMatch(/^application\/json/)
    expect(response.headers.get('access-control-allow-origin'), url).toBe('*')
    const text = await response.text()
    result.texts.push(text)
    const body = JSON.parse(text) as Json
    if (Array.isArray(body.data)) {
      result.listPages++
      expect(body.pagination, url).toBeTypeOf('object')
      expect(body.links, url).toBeTypeOf('object')
      const { currentPage, totalPages } = body.pagination as { currentPage: number; totalPages: number }
      if (currentPage < totalPages) expect((body.links as Json).next, `next of ${url}`).toBeTypeOf('string')
      collect(body.data, 'list')
      collect(body.links, undefined)
      continue
    }
    expect(isOparlObject(body), url).toBe(true)
    const object = body as Json & { id: string; type: string }
    expect(object.id, 'an object is answered at its id').toBe(url)
    expect(validate(object), url).toEqual([])
    count(result.objects, object.type)
    result.byId.set(object.id, object)
    collect(object, undefined)
  }
  return result
}
