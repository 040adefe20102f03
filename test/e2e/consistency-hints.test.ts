// Consistency hints on the board: a colleague changes the Jobcenter position's share and end date;
// under the Beschlussantrag, item 3 is flagged on every open board — and the flag goes when the
// position says again what the item says.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { listPositions, updatePosition } from '../../shared/model'
import { connectSynced } from '../helpers/clients'
import { artifacts, live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'

describe('consistency hints on the board', () => {
  let world: BoardWorld
  useBoardWorld([lead], (started) => (world = started))

  it('flag a Beschlussantrag item whose position changed, live', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    const page = await world.open(lead, `/p/${id}`)
    await untilSaved(page)
    const hints = page.getByTestId('consistency-hint')
    expect(await hints.count()).toBe(0)

    const colleague = await connectSynced(world.server.wsUrl, id, world.cookies[lead]!)
    const jobcenter = listPositions(colleague.doc)[0]!
    updatePosition(colleague.doc, jobcenter.id, { fte: 0.75, until: '2022-06-30' })
    await expect.poll(() => hints.allTextContents(), live).toEqual([
      'Ziff. 3 nennt 50 %, Stelle 1 hat 0,75 VZK.',
      'Ziff. 3 nennt den 31.12.2021, Stelle 1 ist befristet bis 30.06.2022.',
    ])
    await page.getByTestId('consistency-hints').scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(artifacts, 'consistency-hints.png') })

    updatePosition(colleague.doc, jobcenter.id, { fte: 0.5, until: '2021-12-31' })
    await expect.poll(() => hints.count(), live).toBe(0)
    colleague.destroy()
    await page.close()
  })
})
