// After a department signed and the content changed (issue 11, items 6 and 7): the re-sign form keeps
// the department's last vote across a reload, and the change list reads as finance writes it —
// German labels, plain years, rows by their names — on the board and in the versions comparison.
// Screenshots of what a new user sees land in test/artifacts/.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as model from '../../shared/model'
import { apiClient } from '../helpers/api'
import { connectSynced } from '../helpers/clients'
import { waitFor } from '../helpers/wait'
import { artifacts, live, untilSaved, useBoardWorld, type BoardWorld } from './board-helpers'

const lead = 'sozialamt.lead'
const editor = 'sozialamt.editor'
const akr = 'akr.lead'

const entry = (page: Page, department: string) => page.locator(`[data-testid="cosign-entry"][data-department="${department}"]`)
/** A line of a change list as it reads: the screen-reader-only "jetzt:" left out, spaces collapsed. */
const readLine = (text: string) => text.replace(/\s*jetzt:\s*/g, ' ').replace(/\s+/g, ' ').trim()

/** What finance must never read in a change list: ids, "rows", "#1", years with a thousands dot, ISO dates, model words. */
function expectReadable(lines: string[], ids: string[]): void {
  for (const line of lines) {
    expect(line).not.toMatch(/\brows\b|#\d|\b20\.\d{2}\d\b|\d{4}-\d{2}-\d{2}|sessionDate|\b(decision|information|permanent|authorization|true|false|null|undefined)\b|[{}]/)
    for (const id of ids) expect(line, `no id ${id}`).not.toContain(id)
  }
}

/** The option the select shows, as the user reads it. */
const shownOption = (page: Page, department: string) =>
  entry(page, department)
    .getByTestId('sign-stance')
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '')

describe('after a signature, the content changes', () => {
  let world: BoardWorld
  const api = (user: string) => apiClient(world.server.url, world.cookies[user])

  useBoardWorld([lead, editor, akr], (started) => (world = started))

  it('AKR signs "zugestimmt" with a remark on the board; after a change and a reload the re-sign form shows that vote and remark', async () => {
    const { id } = await world.createProposal({ title: 'Pakt für Integration', number: '949/2019', template: 'pakt-949-2019' }, lead)
    expect((await api(lead).post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr', sections: ['positions'] }] })).status).toBe(200)
    const remark = 'Die Ermächtigungen sind bis zum Ende der Landesförderung zu befristen.'

    // AKR signs through the form, as a lead would.
    const page = await world.open(akr, `/p/${id}`)
    await untilSaved(page)
    const form = entry(page, 'akr').getByTestId('sign-form')
    await form.waitFor({ timeout: live.timeout })
    await form.getByLabel('Votum').selectOption({ label: 'zugestimmt' })
    await form.getByTestId('sign-remark').fill(remark)
    await form.getByRole('button', { name: 'Mitzeichnen', exact: true }).click()
    await expect.poll(() => entry(page, 'akr').getAttribute('data-state'), live).toBe('current')

    // The Sozialamt changes a position's VZK: the signature is outdated.
    const client = await connectSynced(world.server.wsUrl, id, world.cookies[editor]!)
    try {
      model.updatePosition(client.doc, model.listPositions(client.doc)[0]!.id, { fte: 0.75 })
      await expect.poll(() => entry(page, 'akr').getAttribute('data-state'), live).toBe('outdated')
    } finally {
      client.destroy()
    }

    for (const round of ['after the change', 'after a reload']) {
      if (round === 'after a reload') {
        await page.reload()
        await untilSaved(page)
      }
      await expect.poll(() => entry(page, 'akr').getAttribute('data-state'), live).toBe('outdated')
      await form.waitFor({ timeout: live.timeout })
      // One click on "Erneut mitzeichnen" must not downgrade "zugestimmt" or drop the remark.
      await expect.poll(() => shownOption(page, 'akr'), live).toBe('zugestimmt')
      expect(await form.getByLabel('Votum').inputValue(), round).toBe('approved')
      expect(await form.getByTestId('sign-remark').inputValue(), round).toBe(remark)
    }
    await page.setViewportSize({ width: 1280, height: 1000 })
    await entry(page, 'akr').screenshot({ path: path.join(artifacts, 'resign-form-after-reload.png') })

    // Signing again as it stands keeps the vote.
    await form.getByRole('button', { name: 'Erneut mitzeichnen', exact: true }).click()
    await expect.poll(() => entry(page, 'akr').getAttribute('data-state'), live).toBe('current')
    expect(await entry(page, 'akr').getAttribute('data-stance')).toBe('approved')
    expect(await entry(page, 'akr').getByTestId('signature-remark').textContent()).toBe(remark)
  })

  it('the change list since AKR signed, and the versions comparison, read as finance writes: German labels, plain years, rows by name', async () => {
    const { id } = await world.createProposal({ title: 'Integrationsmanagement 2022/2023', template: 'integration-2022-2023' }, lead)
    const client = await connectSynced(world.server.wsUrl, id, world.cookies[editor]!)
    try {
      const doc = client.doc
      model.addPosition(doc, { department: 'sozialamt', fte: 0.5, payGrade: 'EG 9c', function: 'Sachbearbeitung Integrationsmanagement', kind: 'authorization', until: '2023-12-31' })
      model.addPosition(doc, { department: 'jobcenter', fte: 1, payGrade: 'EG 10', function: 'Koordination der Ansprechpartner' })
      await waitFor(async () => (await api(lead).get<{ content: { positions: unknown[] } }>(`/proposals/${id}/versions/draft`)).body.content.positions.length === 2, {
        what: 'the positions stored',
        timeoutMs: live.timeout,
      })
      expect((await api(editor).post(`/proposals/${id}/versions`, { name: 'Stand der Mitzeichnung' })).status).toBe(201)
      expect((await api(lead).post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
      expect((await api(akr).post(`/proposals/${id}/signatures`, { stance: 'approved', remark: '' })).status).toBe(200)

      // The Sozialamt reworks the paper: header, a consultation, the Begründung, positions, finance.
      model.setHeader(doc, { date: '2021-07-01' })
      model.updateConsultation(doc, model.listConsultations(doc)[0]!.id, { sessionDate: '2021-07-19', purpose: 'decision' })
      const body = model.readBody(doc)
      const first = body.content![0]!.content![0]!
      first.text = first.text!.replace('Mit GRDrs 532/2017', 'Mit der GRDrs 532/2017')
      model.setBody(doc, body)
      const [kept, removed] = model.listPositions(doc)
      model.updatePosition(doc, kept!.id, { fte: 0.75, until: '2024-06-30' })
      model.removePosition(doc, removed!.id)
      model.addFinanceYear(doc, 2025)
      const rows = model.listFinanceRows(doc)
      const omid = rows.find((row) => row.measure === 'OMID')!
      model.setFinanceCell(doc, omid.id, 'need', 2023, 300)
      model.setFinanceCell(doc, omid.id, 'need', 2025, 310)
      model.removeFinanceRow(doc, rows.find((row) => row.measure === 'Dolmetschereinsätze')!.id)
      model.addFinanceRow(doc, { account: '31.60.01', measure: 'Willkommensräume', need: { 2022: 150, 2023: 150 } })
      await waitFor(async () => (await api(akr).get<{ changes: unknown[] }>(`/proposals/${id}/signatures/akr/changes`)).body.changes.length >= 11, {
        what: 'the changes stored',
        timeoutMs: live.timeout,
      })
      const ids = [...rows.map((row) => row.id), kept!.id, removed!.id, ...model.listFinanceRows(doc).map((row) => row.id)]

      // On the board: AKR opens "Was hat sich seit meiner Mitzeichnung geändert?".
      const page = await world.open(akr, `/p/${id}`)
      await untilSaved(page)
      await page.getByTestId('outdated-banner-link').click()
      const changes = entry(page, 'akr').getByTestId('change')
      await expect.poll(() => changes.count(), live).toBeGreaterThanOrEqual(11)
      const stamped = (await changes.allTextContents()).map(readLine)
      // Every change names who made it (item 8); what changed is read without that suffix.
      for (const line of stamped) expect(line).toMatch(/ — [^—]+, [^—]+, \d{2}\.\d{2}\. \d{2}:\d{2}$/)
      const lines = stamped.map((line) => line.replace(/ — [^—]+$/, ''))
      expect(lines).toEqual(
        expect.arrayContaining([
          'Kopfdaten › Datum 24.06.2021 → 01.07.2021',
          'Beratungsfolge › Sozial- und Gesundheitsausschuss › Zweck Kenntnisnahme → Beschlussfassung',
          'Beratungsfolge › Sozial- und Gesundheitsausschuss › Sitzungstermin 12.07.2021 → 19.07.2021',
          'Stellen und Ermächtigungen › Stelle 1 (Sachbearbeitung Integrationsmanagement) › VZK 0,5 → 0,75',
          'Stellen und Ermächtigungen › Stelle 1 (Sachbearbeitung Integrationsmanagement) › befristet bis 31.12.2023 → 30.06.2024',
          'Stellen und Ermächtigungen › Koordination der Ansprechpartner entfernt Amt: Jobcenter · VZK: 1,0 · Entgeltgruppe: EG 10 · Art: Stelle',
          'Finanzielle Auswirkungen › Haushaltsjahr 2025 neu',
          'Finanzielle Auswirkungen › OMID › Finanzbedarf 2023 290 → 300',
          'Finanzielle Auswirkungen › OMID › Finanzbedarf 2025 – → 310',
          expect.stringMatching(/^Finanzielle Auswirkungen › Dolmetschereinsätze entfernt Kontengruppe: 31\.60\.01\.00\.00-500 .* · Finanzbedarf: 2022: 60 · 2023: 60$/),
          'Finanzielle Auswirkungen › Willkommensräume neu Kontengruppe: 31.60.01 · Finanzbedarf: 2022: 150 · 2023: 150',
        ]),
      )
      // The Begründung: the changed words in their context, not the whole text twice.
      const bodyLine = lines.find((line) => line.startsWith('Begründung'))!
      expect(bodyLine).toContain('der GRDrs 532/2017')
      expect(bodyLine.length).toBeLessThan(300)
      expect(await entry(page, 'akr').locator('[data-testid="change"] ins', { hasText: 'der' }).count()).toBeGreaterThan(0)
      expectReadable(lines, ids)
      await page.setViewportSize({ width: 1280, height: 1400 })
      await entry(page, 'akr').getByTestId('signature-changes').screenshot({ path: path.join(artifacts, 'change-list-since-signature.png') })

      // The versions page compares the saved version with today's state in the same words.
      await page.goto(`/p/${id}/versions`)
      await page.getByTestId('version-row').filter({ hasText: 'Stand der Mitzeichnung' }).getByRole('button', { name: 'Mit aktuellem Stand vergleichen' }).click()
      const diff = page.getByTestId('diff')
      await diff.waitFor({ timeout: live.timeout })
      const compared = (await diff.locator('li').allTextContents()).map(readLine)
      expect(compared).toEqual(
        expect.arrayContaining([
          'Datum: 24.06.2021 → 01.07.2021',
          'Zweck: Kenntnisnahme → Beschlussfassung',
          'Sitzungstermin: 12.07.2021 → 19.07.2021',
          'befristet bis: 31.12.2023 → 30.06.2024',
          'neu: Haushaltsjahr 2025',
          'OMID › Finanzbedarf 2025: – → 310',
          'Summe Finanzbedarf 2025: – → 310',
          'entfernt: Dolmetschereinsätze',
          'neu: Willkommensräume',
        ]),
      )
      expectReadable(compared, ids)
      await diff.screenshot({ path: path.join(artifacts, 'versions-compare.png') })
    } finally {
      client.destroy()
    }
  })
})
