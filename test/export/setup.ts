// A server with the two demo papers in co-signing: AKR signed with a note, WFB objected. What the
// export tests read back.
import { expect } from 'vitest'
import { apiClient } from '../helpers/api'
import { signIn } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'

export const users = ['sozialamt.lead', 'sozialamt.editor', 'sozialamt.viewer', 'akr.lead', 'wfb.lead'] as const
export type DemoUser = (typeof users)[number]

export const akrRemark = 'Die Zahl der Flüchtlinge ist weiterhin rückläufig; die Ermächtigungen sind zu befristen.'
export const wfbRemark = 'dass eine städtische Weiterförderung zu den Konditionen der ursprünglichen Landesförderung erfolgen sollte'
/** A Betreff with umlauts, ß and typographic dashes, to see them survive both formats. */
export const paktTitle = 'Pakt für Integration – Verlängerung des Integrationsmanagements (Maßnahmen für Geflüchtete)'
export const integrationTitle = 'Integrationsmanagement und begleitende Unterstützungsmaßnahmen – Fortsetzung 2022 und 2023'

export type ExportFixture = {
  server: TestServer
  cookies: Record<DemoUser, string>
  api(user: DemoUser): ReturnType<typeof apiClient>
  /** GRDrs 949/2019 (Beschlussvorlage with positions) and the 2022/2023 Mitteilungsvorlage (finance). */
  pakt: string
  integration: string
  download(proposalId: string, ref: string, format: 'docx' | 'pdf' | 'json', user?: DemoUser): Promise<{ response: Response; bytes: Uint8Array }>
  stop(): Promise<void>
}

async function inCosigning(fixture: Omit<ExportFixture, 'pakt' | 'integration'>, title: string, template: string, number = ''): Promise<string> {
  const created = await fixture.api('sozialamt.lead').post<{ id: string }>('/proposals', { title, template, number })
  expect(created.status).toBe(201)
  const id = created.body.id
  const round = await fixture.api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }, { departmentId: 'wfb' }] })
  expect(round.status).toBe(200)
  expect((await fixture.api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'remarks', remark: akrRemark })).status).toBe(200)
  expect((await fixture.api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'objection', remark: wfbRemark })).status).toBe(200)
  return id
}

export async function startExportFixture(): Promise<ExportFixture> {
  const server = await startTestServer()
  const cookies = {} as Record<DemoUser, string>
  for (const user of users) cookies[user] = await signIn(server.url, user)
  const base = {
    server,
    cookies,
    api: (user: DemoUser) => apiClient(server.url, cookies[user]),
    async download(proposalId: string, ref: string, format: 'docx' | 'pdf' | 'json', user: DemoUser = 'sozialamt.lead') {
      const response = await fetch(`${server.url}/api/proposals/${proposalId}/versions/${ref}/export.${format}`, { headers: { cookie: cookies[user] } })
      return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
    },
    stop: () => server.stop(),
  }
  const pakt = await inCosigning(base, paktTitle, 'pakt-949-2019', '949/2019')
  const integration = await inCosigning(base, integrationTitle, 'integration-2022-2023')
  return { ...base, pakt, integration }
}

/** Whitespace-free text: PDF lines break anywhere, DOCX runs split anywhere; the words must stay. */
export const squash = (text: string): string => text.replace(/\s+/g, '')
