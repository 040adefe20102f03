// The render pool's limits, on real worker threads: a render that exhausts its heap or its time fails
// alone, the worker is replaced, and nothing is ever rendered on this thread instead.
import { createRequire } from 'node:module'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPaper } from '../../server/export/paper'
import { createRenderPool, RenderUnavailableError, type RenderPool } from '../../server/export/render-pool'
import type { VersionRecord } from '../../shared/versions'
import { largeProposalDoc } from './large-proposal'
import { readDocx } from './read-back'

const record: VersionRecord = { status: 'draft', leadDepartmentId: 'sozialamt', involved: [], signatures: [] }
const stamp = new Date('2021-07-12T10:00:00Z')
const doc = largeProposalDoc()
const large = buildPaper({ organisationName: 'Landeshauptstadt Stuttgart', doc, record, version: null, draft: true, stamp })
const small = { ...large, positions: null, finance: [], resolution: [], body: { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kurz.' }] }] } }

/** Whether a module of these packages was ever loaded on this thread (ESM imports of CommonJS land in the cache too). */
const loadedHere = (pkg: string) => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(`/node_modules/${pkg}/`))

describe('render pool', () => {
  const pools: RenderPool[] = []
  const pool = (options: Parameters<typeof createRenderPool>[0]) => (pools.push(createRenderPool(options)), pools.at(-1)!)
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()))
    doc.destroy()
  })

  it('fails a render that runs out of memory as unavailable, and renders the next in a fresh worker', async () => {
    const tight = pool({ size: 1, memoryMb: 40 })
    const failure = await tight('pdf', large, stamp).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RenderUnavailableError)
    expect(String(failure)).toMatch(/out of memory/)
    const bytes = await tight('docx', small, stamp)
    expect(readDocx(bytes).paragraphs).toContain('Kurz.')
  })

  it('kills a render over the time limit and fails it as unavailable', async () => {
    const hasty = pool({ size: 1, timeoutMs: 300 })
    const failure = await hasty('pdf', large, stamp).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RenderUnavailableError)
    expect(String(failure)).toMatch(/longer than 300 ms/)
  })

  it('fails every render when workers cannot start, and never renders on this thread', async () => {
    const broken = pool({ size: 1, entry: new URL('./no-such-worker.mjs', import.meta.url) })
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(broken('docx', small, stamp)).rejects.toBeInstanceOf(RenderUnavailableError)
    }
    // Every render of this file ran in workers: the renderers' libraries never loaded here.
    expect(loadedHere('pdfmake')).toBe(false)
    expect(loadedHere('docx')).toBe(false)
  })
})
