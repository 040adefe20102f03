// A council information system reads the endpoint: from System, every list, page, object and file
// answers 200 and is valid against the official OParl 1.1 schemas — public, and behind a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SignedInServer } from '../helpers/signed-in-server'
import { oparlTypes } from './schemas'
import { crawl, demoPapers, oparlToken, release, startOparlWorld, type CrawlResult } from './world'

describe.each<{ mode: string; env: Record<string, string>; headers: Record<string, string> }>([
  { mode: 'public (OPARL_PUBLIC=true)', env: { OPARL_PUBLIC: 'true' }, headers: {} },
  { mode: 'behind the bearer token', env: { OPARL_TOKEN: oparlToken }, headers: { authorization: `Bearer ${oparlToken}` } },
])('the OParl endpoint, $mode', ({ env, headers }) => {
  let world: SignedInServer
  let result: CrawlResult
  const root = () => `${world.server.url}/oparl/v1`

  beforeAll(async () => {
    world = await startOparlWorld(env)
    await release(world, demoPapers.pakt)
    await release(world, demoPapers.integration)
    result = await crawl(root(), headers)
  })
  afterAll(() => world?.stop())

  it('walks from System through every list, page, object and file, each answering 200 and valid', () => {
    // Every type the endpoint serves was fetched at its own URL and validated against its schema.
    expect(Object.keys(result.objects).sort()).toEqual([...oparlTypes].sort())
    expect(result.objects).toEqual({
      System: 1,
      Body: 1,
      // Four departments; the committees of both Beratungsfolgen: SGA, Verwaltungsausschuss, Gemeinderat, Internationaler Ausschuss.
      Organization: 8,
      // The sessions with a known date: SGA 25.11.2019, SGA 12.07.2021, Internationaler Ausschuss 21.07.2021.
      Meeting: 3,
      Paper: 2,
      Consultation: 5,
      File: 4,
    })
    // Each file twice (accessUrl, downloadUrl), every byte as its File object describes it.
    expect(result.fileDownloads).toBe(8)
    // Pages of two: organization 4, meeting 2, paper 1, consultation 3, file 2, person 1, body 1.
    expect(result.listPages).toBe(14)
  })

  it('serves each demo paper with its Beratungsfolge, the PDF as main file and the co-signature record', () => {
    const paper = result.byId.get(`${root()}/paper/${demoPapers.pakt}`) as Record<string, any>
    expect(paper).toMatchObject({
      type: 'https://schema.oparl.org/1.1/Paper',
      body: `${root()}/body/1`,
      name: expect.stringContaining('Pakt für Integration'),
      reference: '949/2019',
      date: '2019-11-13',
      paperType: 'Beschlussvorlage',
      mainFile: { mimeType: 'application/pdf', accessUrl: expect.stringMatching(/\/content$/), downloadUrl: expect.stringMatching(/\/download$/) },
      auxiliaryFile: [{ mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
      underDirectionOf: [`${root()}/organization/dept-sozialamt`],
    })
    expect(paper.consultation.map((c: Record<string, unknown>) => [c.role, c.authoritative, typeof c.meeting])).toEqual([
      ['Vorberatung', false, 'string'],
      ['Vorberatung', false, 'undefined'],
      ['Beschlussfassung', true, 'undefined'],
    ])
    expect(paper['mitzeichnung:cosignatures'].departments.map((d: any) => [d.id, d.signature.stance, d.signature.signer, d.signature.sectionsHash])).toEqual([
      ['akr', 'approved', 'Dr. Ulrike Hahn', expect.stringMatching(/^[0-9a-f]{64}$/)],
      ['wfb', 'remarks', 'Thomas Maier', expect.stringMatching(/^[0-9a-f]{64}$/)],
    ])
    const meeting = result.byId.get(paper.consultation[0].meeting) as Record<string, unknown>
    expect(meeting).toMatchObject({ name: 'Sozial- und Gesundheitsausschuss, Sitzung am 25.11.2019', start: '2019-11-25T00:00:00+01:00' })
  })
})
