// A large paper — a Begründung of about 40 pages, 200 positions, six finance years — exports
// completely, and the worker pool renders exactly the bytes this thread would.
// (What the pool does when a worker cannot start, overruns or dies: render-pool.test.ts.)
import { afterAll, describe, expect, it } from 'vitest'
import { renderDocx } from '../../server/export/docx'
import { buildPaper } from '../../server/export/paper'
import { renderInThread } from '../../server/export/render-in-thread'
import { createRenderPool } from '../../server/export/render-pool'
import type { VersionRecord } from '../../shared/versions'
import { largeProposalDoc } from './large-proposal'
import { readDocx, readPdf } from './read-back'

const record: VersionRecord = { status: 'cosigning', leadDepartmentId: 'sozialamt', involved: [{ departmentId: 'wfb', sections: [] }], signatures: [] }
const stamp = new Date('2021-07-12T10:00:00Z')
const doc = largeProposalDoc()
const paper = buildPaper({ organisationName: 'Landeshauptstadt Stuttgart', doc, record, version: null, draft: true, stamp })

describe('export of a large paper', () => {
  // The pool's time limit guards the server; here a loaded machine may take long, and the test checks the bytes.
  const pool = createRenderPool({ size: 1, timeoutMs: 150_000 })
  afterAll(async () => {
    await pool.close()
    doc.destroy()
  })

  it('keeps every position row and every chapter in the DOCX', async () => {
    const text = readDocx(await renderDocx(paper, stamp)).paragraphs.join('\n')
    const expected = [
      ...Array.from({ length: 200 }, (_, i) => `Sachbearbeitung Integrationsmanagement, Bezirk ${i + 1}\n`),
      ...Array.from({ length: 40 }, (_, i) => `${i + 1}. Maßnahme ${i + 1}: Fortsetzung`),
      // The template's 2,0 VZK and 200 rows of 0,5 / 1 / 0,75 / 0,25 VZK.
      'Summe\n\n127,0\n',
      'Insgesamt 127,0 VZK, davon Jobcenter 50,5 VZK, Sozialamt 26,5 VZK, Referat AKR 37,5 VZK, Referat WFB 12,5 VZK.',
    ]
    // Only what is missing is reported, not the whole long text.
    expect(expected.filter((needle) => !text.includes(needle))).toEqual([])
  })

  it('renders the same PDF in a worker thread as in this one, of more than 40 A4 pages', async () => {
    const [inWorker, here] = await Promise.all([pool('pdf', paper, stamp), renderInThread('pdf', paper, stamp)])
    expect(Buffer.from(inWorker).equals(Buffer.from(here))).toBe(true)
    const pages = await readPdf(inWorker)
    expect(pages.length).toBeGreaterThan(40)
    expect(pages.every((page, i) => page.text.includes('ENTWURF') && page.text.replace(/\s+/g, '').includes(`Seite${i + 1}von${pages.length}`))).toBe(true)
  }, 180_000)
})
