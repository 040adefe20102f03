// What a department sees after the trust fixes (issue 11): version export links that download, the
// re-sign form prefilled from the last vote after a reload, an outdated co-signature announced at the
// top with a readable change list, a Haushaltsjahr field that takes what is typed, the lead shown
// read-only, and a versions comparison in German labels. Screenshots land in test/artifacts/.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { listFinanceRows, setFinanceCell, setFinanceYears } from '../../shared/model'
import { apiClient } from '../helpers/api'
import { connectSynced } from '../helpers/clients'
import { waitFor } from '../helpers/wait'
import { artifacts, live, useBoardWorld, untilSaved, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'
const akrRemark = 'Die Ermächtigungen sind bis zum Ende der Landesförderung zu befristen.'

const entry = (page: Page, department: string) => page.locator(`[data-testid="cosign-entry"][data-department="${department}"]`)

describe('trust in what the board, the versions page and the export say', () => {
  let world: BoardWorld
  const api = (user: string) => apiClient(world.server.url, world.cookies[user])

  useBoardWorld([lead, editor, akr], (started) => (world = started))

  it('after a change, AKR sees a banner at the top, a readable change list, and its last vote in the re-sign form after a reload', async () => {
    const { id } = await world.createProposal({ title: 'Integrationsmanagement 2022/2023', template: 'integration-2022-2023' }, lead)
    expect((await api(lead).post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
    expect((await api(akr).post(`/proposals/${id}/signatures`, { stance: 'approved', remark: akrRemark })).status).toBe(200)

    // The Sozialamt adds a budget year in front and changes a cell after AKR signed.
    const client = await connectSynced(world.server.wsUrl, id, world.cookies[editor]!)
    try {
      setFinanceYears(client.doc, [2021, 2022, 2023])
      const campus = listFinanceRows(client.doc).find((row) => row.measure === 'Ausbildungscampus')!
      setFinanceCell(client.doc, campus.id, 'need', 2023, 160)
      await waitFor(async () => (await api(akr).get<{ changes: unknown[] }>(`/proposals/${id}/signatures/akr/changes`)).body.changes.length >= 2, {
        what: 'the change stored',
        timeoutMs: live.timeout,
      })
    } finally {
      client.destroy()
    }

    const page = await world.open(akr, `/p/${id}`)
    await untilSaved(page)
    for (const round of ['first load', 'after a reload']) {
      if (round === 'after a reload') {
        await page.reload()
        await untilSaved(page)
      }
      // The re-sign form keeps "zugestimmt" and the remark: one click must not downgrade the vote.
      const form = entry(page, 'akr').getByTestId('sign-form')
      await form.waitFor({ timeout: live.timeout })
      await expect.poll(() => form.getByLabel('Votum').inputValue(), live).toBe('approved')
      expect(await form.getByTestId('sign-remark').inputValue(), round).toBe(akrRemark)
    }

    // The banner at the top names the department and leads to the change list.
    const banner = page.getByTestId('outdated-banner')
    await banner.waitFor({ timeout: live.timeout })
    expect(await banner.textContent()).toContain('Die Mitzeichnung von Referat AKR ist veraltet')
    const boardTop = await page.getByTestId('board').boundingBox()
    expect((await banner.boundingBox())!.y).toBeLessThan(boardTop!.y)
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.screenshot({ path: path.join(artifacts, 'trust-outdated-banner.png') })
    await page.getByTestId('outdated-banner-link').click()
    const changes = entry(page, 'akr').getByTestId('change')
    await expect.poll(() => changes.count(), live).toBeGreaterThanOrEqual(2)
    const lines = await changes.allTextContents()
    // Each change ends with who made it, as the server stamped it (issue 11, item 8).
    expect(lines).toContainEqual(expect.stringMatching(/^Finanzielle Auswirkungen › Haushaltsjahr 2021\s*neu — Jonas Weber, Sozialamt, \d{2}\.\d{2}\. \d{2}:\d{2}$/))
    expect(lines).toContainEqual(expect.stringMatching(/^Finanzielle Auswirkungen › Ausbildungscampus › Finanzbedarf 2023\s*150\s*→.*160/))
    for (const line of lines) expect(line).not.toMatch(/rows|#\d|2\.02\d|\(leer\)/)
    await entry(page, 'akr').getByTestId('signature-changes').screenshot({ path: path.join(artifacts, 'trust-change-list.png') })
    await page.close()
  })

  it('the versions page: a saved version exports, the Haushaltsjahr takes what is typed, the lead is read-only, the comparison reads German', async () => {
    const { id } = await world.createProposal({ title: 'Integrationsmanagement 2022/2023', template: 'integration-2022-2023' }, lead)
    const saved = await api(editor).post<{ id: string }>(`/proposals/${id}/versions`, { name: 'Fassung für SGA' })
    expect(saved.status).toBe(201)

    const board = await world.open(editor, `/p/${id}`)
    await untilSaved(board)
    // The lead is the proposal's: shown, not editable.
    const leadField = board.getByLabel('Federführendes Amt', { exact: true })
    expect(await leadField.inputValue()).toBe('Sozialamt')
    expect(await leadField.isEditable()).toBe(false)
    // Typing a year into the Haushaltsjahr field adds exactly that year (it used to append to the suggestion).
    const year = board.getByLabel('Haushaltsjahr', { exact: true })
    await year.click()
    await year.pressSequentially('2025')
    await board.getByRole('button', { name: '+ Jahr hinzufügen' }).click()
    await board.getByTestId('sum-need-2025').waitFor({ timeout: live.timeout })
    expect(await board.locator('#add-year-error').count()).toBe(0)
    await untilSaved(board)

    await board.getByTestId('versions-link').click()
    const row = board.getByTestId('version-row').filter({ hasText: 'Fassung für SGA' })
    await row.waitFor({ timeout: live.timeout })
    // The saved version's export links point at the version and download.
    for (const format of ['docx', 'pdf', 'json']) {
      const href = await row.getByTestId(`export-${format}`).getAttribute('href')
      expect(href).toBe(`/api/proposals/${id}/versions/${saved.body.id}/export.${format}`)
      const status = await board.evaluate((url) => fetch(url).then((r) => r.status), href!)
      expect(status, format).toBe(200)
    }
    await row.getByRole('button', { name: 'Mit aktuellem Stand vergleichen' }).click()
    await board.getByTestId('diff').waitFor({ timeout: live.timeout })
    expect(await board.getByTestId('diff-year').allTextContents()).toEqual(['neu: Haushaltsjahr 2025'])
    await board.screenshot({ path: path.join(artifacts, 'trust-versions.png'), fullPage: true })
    await board.close()
  })

  it('after the release the versions page says "freigegeben", not "Entwurf"', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', template: 'pakt-949-2019' }, lead)
    expect((await api(lead).post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
    expect((await api(akr).post(`/proposals/${id}/signatures`, { stance: 'acknowledged', remark: '' })).status).toBe(200)
    await waitFor(async () => (await api(lead).post(`/proposals/${id}/release`, {})).status === 200, { what: 'release', timeoutMs: live.timeout })
    const page = await world.open(lead, `/p/${id}/versions`)
    const heading = page.getByTestId('draft-heading')
    await expect.poll(() => heading.textContent(), live).toBe('Aktueller Stand (freigegeben)')
    await page.close()
  })
})
