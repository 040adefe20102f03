// Versions in the browser: save a named version, compare it with the live draft, export it as DOCX,
// PDF and OParl through the buttons, view it read-only, and restore it while a colleague watches.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { artifacts, enter, fieldValue, live, useBoardWorld, text, untilSaved, type BoardWorld } from './board-helpers'

describe('versions and export in the board', () => {
  let world: BoardWorld
  const editor = 'sozialamt.editor'
  const lead = 'sozialamt.lead'

  useBoardWorld([editor, lead], (started) => (world = started))

  /** Clicks an export link and returns the downloaded file's name and bytes. */
  async function download(page: Page, testId: string) {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: live.timeout }), page.getByTestId(testId).first().click()])
    const stored = await file.path()
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(stored) }
  }

  it('a saved version is compared, exported, viewed read-only and restored live for a colleague', async () => {
    const { id } = await world.createProposal({ title: 'Integrationsmanagement 2022/2023', template: 'integration-2022-2023' })
    const board = await world.open(editor, `/p/${id}`)
    const colleague = await world.open(lead, `/p/${id}`)
    await Promise.all([untilSaved(board), untilSaved(colleague)])

    // Save the current state under a name.
    await board.getByTestId('versions-link').click()
    await board.getByLabel('Name der Fassung').fill('Fassung für SGA 12.07.2021')
    await board.getByRole('button', { name: 'Fassung speichern' }).click()
    const row = board.getByTestId('version-row').filter({ hasText: 'Fassung für SGA 12.07.2021' })
    await row.waitFor({ timeout: live.timeout })

    // The colleague changes a finance cell in the live draft.
    await enter(colleague, 'Finanzbedarf 2023, Ausbildungscampus', '160')
    await expect.poll(() => text(colleague, 'sum-need-2023'), live).toBe('676')
    await untilSaved(colleague)

    // The comparison shows exactly that cell and the sum it moved.
    await row.getByRole('button', { name: 'Mit aktuellem Stand vergleichen' }).click()
    const diff = board.getByTestId('diff')
    await diff.waitFor({ timeout: live.timeout })
    expect(await board.getByTestId('diff-section').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-section')))).toEqual(['finance'])
    expect(await board.getByTestId('diff-cell').allTextContents()).toEqual([expect.stringMatching(/Ausbildungscampus.*2023.*150.*→.*160/)])
    expect((await board.getByTestId('diff-sum').allTextContents()).join(' ')).toMatch(/666.*→.*676/)
    await board.screenshot({ path: path.join(artifacts, 'versions.png'), fullPage: true })

    // Export buttons: real files of the right type.
    const docx = await download(board, 'export-docx')
    expect(docx.name).toMatch(/\.docx$/)
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK')
    expect(docx.bytes.length).toBeGreaterThan(5_000)
    const pdf = await download(board, 'export-pdf')
    expect(pdf.name).toMatch(/\.pdf$/)
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.bytes.length).toBeGreaterThan(10_000)
    const oparl = await download(board, 'export-json')
    expect(oparl.name).toMatch(/\.json$/)
    expect(JSON.parse(oparl.bytes.toString())).toMatchObject({ type: 'https://schema.oparl.org/1.1/Paper' })

    // The version opens read-only, with the old value.
    await row.getByRole('link', { name: 'Ansehen' }).click()
    await board.getByTestId('read-only-notice').waitFor({ timeout: live.timeout })
    expect(await text(board, 'sum-need-2023')).toBe('666')
    expect(await board.getByLabel('Finanzbedarf 2023, Ausbildungscampus', { exact: true }).isEditable()).toBe(false)
    await board.goBack()

    // Restore: the colleague sees the old content live; the list keeps every version.
    board.once('dialog', (dialog) => void dialog.accept())
    await board.getByTestId('version-row').filter({ hasText: 'Fassung für SGA 12.07.2021' }).getByRole('button', { name: 'Wiederherstellen' }).click()
    await board.getByTestId('versions-message').waitFor({ timeout: live.timeout })
    await expect.poll(() => fieldValue(colleague, 'Finanzbedarf 2023, Ausbildungscampus'), live).toBe('150')
    expect(await text(colleague, 'sum-need-2023')).toBe('666')
    await expect.poll(() => board.getByTestId('version-row').count(), live).toBe(2)
    await Promise.all([board.close(), colleague.close()])
  })

  it('when the server cannot be reached the versions page says so, and nothing breaks', async () => {
    const { id } = await world.createProposal({ title: 'Fassungen ohne Verbindung' })
    const page = await world.contexts[lead]!.newPage()
    page.on('pageerror', (error) => world.pageErrors.push(`unreachable versions: ${error.message}`))
    // Everything this page asks the server, refused as during a restart.
    await page.route(/\/api\/proposals\/[^/]+\/(versions|rights|oparl)$/, (route) => route.abort('connectionrefused'))
    await page.goto(`${world.server.url}/p/${id}/versions`)
    await page.getByText('Konnte nicht geladen werden: Der Server ist nicht erreichbar.').waitFor({ timeout: live.timeout })
    // Said once, as an error: not also "no versions yet". (afterEach: and no uncaught error in the page.)
    expect(await page.getByText('Noch keine Fassung gespeichert.').count()).toBe(0)
    await page.close()
  })
})
