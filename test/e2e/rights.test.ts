// The board's rights come from the record document it already has, by the shared rule: a change of
// involvement or status shows at once, without asking the server for rights over REST.
import { describe, expect, it } from 'vitest'
import { apiClient } from '../helpers/api'
import { live, useBoardWorld, text, untilSaved, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const outsider = 'jobcenter.editor'

describe('rights on the board', () => {
  let world: BoardWorld

  useBoardWorld([lead, outsider], (started) => (world = started))

  it('involving a department makes the board editable from the record alone: no /rights request, before or after', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', template: 'pakt-949-2019' })
    const page = await world.open(outsider, `/p/${id}`)
    const rightsRequests: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/rights')) rightsRequests.push(request.url())
    })
    await untilSaved(page)
    await page.getByTestId('read-only-notice').waitFor({ timeout: live.timeout })
    expect(await text(page, 'read-only-notice')).toContain('Jobcenter')
    const steer = apiClient(world.server.url, world.cookies[lead])
    expect((await steer.put(`/proposals/${id}/departments`, { departments: [{ departmentId: 'jobcenter' }] })).status).toBe(200)
    await page.getByTestId('read-only-notice').waitFor({ state: 'detached', timeout: live.timeout })
    await expect.poll(() => page.getByLabel('VZK, Stelle 1', { exact: true }).getAttribute('readonly'), live).toBeNull()
    expect(rightsRequests).toEqual([])
    await page.close()
  })
})
