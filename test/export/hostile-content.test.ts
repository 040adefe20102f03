// Stored content an attacker (or an old client) left behind: markup, script URLs, characters XML forbids,
// direction overrides, 20 000-character words, scripts Roboto lacks. Every export must still come out,
// quickly, with all of it as plain text; a forged Host header must not reach the OParl ids.
import http from 'node:http'
import sax from 'sax'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { titleText } from '../../shared/model'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { readDocx, readPdf, readPdfLinks } from './read-back'
import { writeBodyParagraphs, writePosition, writeStoredDoc } from '../helpers/stored-content'

const publicBaseUrl = 'https://mitzeichnung.example.org'
const markup = '<img src=x onerror=alert(1)> </script> <script>alert(2)</script>'
const longWord = 'Donaudampfschiff'.repeat(1250) // 20 000 characters, no space
const scripts = { arabic: 'مرحبا بالعالم', hebrew: 'שלום עולם', emoji: '😀🚀' }
const spoofed = 'Rechnung\u202Efdp.exe'
const hostileLinks = ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'JaVaScRiPt:alert(3)']

/** Without the zero-width spaces the layout puts into long words, and without whitespace. */
const plain = (text: string) => text.replace(/[\s\u200B]+/g, '')

/** XML 1.0's Char production: what a strict reader (Word) accepts at all; sax does not check it. */
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

function parsesAsXml(xml: string): string | null {
  const bad = notXmlChar.exec(xml)
  if (bad) return `character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`
  const parser = sax.parser(true)
  let problem: string | null = null
  parser.onerror = (error) => {
    problem = error.message
    throw error
  }
  try {
    parser.write(xml).close()
  } catch {
    // Reported through onerror.
  }
  return problem
}

/** A GET whose Host header and raw path we choose: fetch() would normalise both. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
    request.on('error', reject)
    request.setTimeout(30_000, () => request.destroy(new Error('no answer in 30 s')))
    request.end()
  })
}

describe('exports of hostile stored content', () => {
  let s: SignedInServer
  let hostile: string
  let long: string
  const download = async (id: string, format: 'docx' | 'pdf' | 'json') => {
    const response = await fetch(`${s.server.url}/api/proposals/${id}/versions/draft/export.${format}`, { headers: { cookie: s.cookies['sozialamt.viewer']! } })
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
  }

  beforeAll(async () => {
    s = await startSignedInServer(['sozialamt.lead', 'sozialamt.viewer', 'akr.lead'], { env: { PUBLIC_BASE_URL: publicBaseUrl } })
    const lead = s.api('sozialamt.lead')
    hostile = (await lead.post<{ id: string }>('/proposals', { title: 'Hostile', template: 'pakt-949-2019', number: '1/2024' })).body.id
    long = (await lead.post<{ id: string }>('/proposals', { title: 'Long', template: 'pakt-949-2019', number: '2/2024' })).body.id
    expect((await lead.post(`/proposals/${hostile}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
    expect((await s.api('akr.lead').post(`/proposals/${hostile}/signatures`, { stance: 'remarks', remark: markup })).status).toBe(200)
    // The rooms must be unloaded to write the stored doc underneath them.
    await s.server.stop()
    writeStoredDoc(s.server.dataDir, hostile, (doc) => {
      const title = titleText(doc)
      title.delete(0, title.length)
      title.insert(0, `Betreff ${markup} \uFFFE\uFFFF\u0001 ${spoofed} ${scripts.arabic} ${scripts.hebrew} ${scripts.emoji}`)
      writeBodyParagraphs(doc, [
        hostileLinks.map((href, i) => ({ text: `Verweis${i + 1} `, href })),
        [{ text: 'Erlaubt', href: 'https://www.stuttgart.de/' }, { text: ` ${markup}` }],
        [{ text: `${scripts.arabic} ${scripts.hebrew} ${scripts.emoji}` }],
      ])
      writePosition(doc, { function: `Stelle ${markup}`, note: `Notiz ${spoofed}` })
    })
    writeStoredDoc(s.server.dataDir, long, (doc) => {
      const title = titleText(doc)
      title.delete(0, title.length)
      title.insert(0, longWord)
      writeBodyParagraphs(doc, [[{ text: longWord }]])
      writePosition(doc, { function: longWord, note: longWord })
    })
    await s.server.restart()
  })
  afterAll(async () => {
    await s?.stop()
  })

  it('renders a 20 000-character word in title, Begründung, position function and note into a PDF and a DOCX in bounded time', async () => {
    const started = performance.now()
    const pdf = await download(long, 'pdf')
    const pdfMs = performance.now() - started
    expect(pdf.response.status, new TextDecoder().decode(pdf.bytes.slice(0, 300))).toBe(200)
    const docxStarted = performance.now()
    const docx = await download(long, 'docx')
    const docxMs = performance.now() - docxStarted
    expect(docx.response.status, new TextDecoder().decode(docx.bytes.slice(0, 300))).toBe(200)
    console.info(`20 000-character word: PDF ${Math.round(pdfMs)} ms (${pdf.bytes.length} bytes), DOCX ${Math.round(docxMs)} ms (${docx.bytes.length} bytes)`)
    // Page header and footer interrupt the word where it crosses a page.
    const pdfText = plain((await readPdf(pdf.bytes)).map((page) => page.text).join('')).replace(/GRDrs2\/2024ENTWURFSeite\d+von\d+ENTWURF/g, '')
    // Title and Begründung whole; function and note sit side by side, so their lines interleave: count
    // the word's capital D (1 250 per field) instead.
    expect(pdfText.split(longWord).length - 1).toBeGreaterThanOrEqual(2)
    expect(pdfText.match(/D/g)?.length).toBeGreaterThanOrEqual(4 * 1250)
    expect(plain(readDocx(docx.bytes).paragraphs.join('')).split(longWord).length - 1).toBeGreaterThanOrEqual(4)
    expect((await fetch(`${s.server.url}/api/health`)).status).toBe(200)
  })

  it('gives a DOCX whose every XML part parses, with U+FFFE, U+FFFF and control characters in the title', async () => {
    const { response, bytes } = await download(hostile, 'docx')
    expect(response.status).toBe(200)
    const { files, xml, paragraphs } = readDocx(bytes)
    const parts = Object.keys(files).filter((name) => /\.(xml|rels)$/.test(name))
    expect(parts.length).toBeGreaterThan(5)
    expect(parts.map((name) => [name, parsesAsXml(xml(name))]).filter(([, problem]) => problem)).toEqual([])
    expect(paragraphs.join('\n')).toContain(`Betreff ${markup}`)
  })

  it('neutralises the U+202E direction override in the DOCX and the PDF', async () => {
    const docx = readDocx((await download(hostile, 'docx')).bytes)
    for (const name of Object.keys(docx.files)) expect(docx.xml(name)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(docx.paragraphs.join('\n')).toContain('Rechnungfdp.exe')
    const pdfText = (await readPdf((await download(hostile, 'pdf')).bytes)).map((page) => page.text).join('')
    expect(pdfText).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    expect(plain(pdfText)).toContain('Rechnungfdp.exe')
  })

  it('keeps javascript:, data: and file: links as plain text in DOCX and PDF; https stays a link', async () => {
    const docx = readDocx((await download(hostile, 'docx')).bytes)
    const rels = docx.xml('word/_rels/document.xml.rels')
    const targets = [...rels.matchAll(/TargetMode="External"[^>]*|Target="([^"]*)"[^>]*TargetMode="External"/g)].map((m) => m[0])
    expect(targets.join(' ')).toContain('https://www.stuttgart.de/')
    expect(rels).not.toMatch(/javascript:|data:|file:/i)
    expect(docx.paragraphs.join(' ')).toContain('Verweis1 Verweis2 Verweis3 Verweis4')
    const pdf = (await download(hostile, 'pdf')).bytes
    expect(await readPdfLinks(pdf)).toEqual(['https://www.stuttgart.de/'])
    expect(plain((await readPdf(pdf)).map((page) => page.text).join(''))).toContain('Verweis1Verweis2Verweis3Verweis4')
  })

  it('shows markup in title, Begründung, position function and co-signature remark as text in DOCX, PDF and OParl', async () => {
    const docx = readDocx((await download(hostile, 'docx')).bytes)
    const documentXml = docx.xml('word/document.xml')
    expect(documentXml).not.toMatch(/<img|<script|<\/script/i)
    const docxText = docx.paragraphs.join('\n')
    for (const needle of [`Betreff ${markup}`, `Erlaubt ${markup}`, `Stelle ${markup}`]) expect(docxText).toContain(needle)
    expect(plain((await readPdf((await download(hostile, 'pdf')).bytes)).map((page) => page.text).join(''))).toContain(plain(`Stelle ${markup}`))
    const json = await download(hostile, 'json')
    expect(json.response.headers.get('content-type')).toMatch(/^application\/json/)
    const paper = JSON.parse(new TextDecoder().decode(json.bytes))
    expect(paper.name).toContain(markup)
    expect(paper['mitzeichnung:cosignatures'].departments[0].signature.remark).toBe(markup)
  })

  it('puts Arabic, Hebrew and emoji text into the PDF text layer with embedded Noto fonts', async () => {
    const bytes = (await download(hostile, 'pdf')).bytes
    // pdf.js reports shaped Arabic with control characters between some joined letters.
    const text = (await readPdf(bytes)).map((page) => page.text).join('\n').replace(/[\u0000-\u001F]/g, '')
    for (const word of [...scripts.arabic.split(' '), ...scripts.hebrew.split(' '), '😀', '🚀']) expect(text).toContain(word)
    const raw = Buffer.from(bytes).toString('latin1')
    for (const font of ['NotoSansArabic', 'NotoSansHebrew', 'NotoEmoji']) expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${font}`))
  })

  it('builds OParl ids and file URLs from PUBLIC_BASE_URL, never from a forged Host header', async () => {
    const { status, body } = await rawGet(s.server.port, `/api/proposals/${hostile}/versions/draft/export.json`, {
      cookie: s.cookies['sozialamt.viewer']!,
      host: 'evil.example:666',
      'x-forwarded-host': 'evil.example',
    })
    expect(status).toBe(200)
    expect(body).not.toContain('evil.example')
    const paper = JSON.parse(body)
    expect(paper.id).toBe(`${publicBaseUrl}/api/proposals/${hostile}/versions/draft/export.json`)
    expect(paper.mainFile.accessUrl).toBe(`${publicBaseUrl}/api/proposals/${hostile}/versions/draft/export.pdf`)
    expect(paper.auxiliaryFile[0].downloadUrl).toBe(`${publicBaseUrl}/api/proposals/${hostile}/versions/draft/export.docx`)
    expect(paper.underDirectionOf).toEqual([`${publicBaseUrl}/oparl/v1/organization/dept-sozialamt`])
  })

  it('answers 400 or 404 with a JSON error to export and version routes with "..", encoded slashes and odd ids', async () => {
    const paths = [
      `/api/proposals/${hostile}/versions/../export.pdf`,
      `/api/proposals/${hostile}/versions/..%2F..%2Fdraft/export.pdf`,
      `/api/proposals/${hostile}/versions/draft%2F..%2Fdraft/export.docx`,
      `/api/proposals/..%2F${hostile}/versions/draft/export.json`,
      `/api/proposals/${hostile}%2Fversions%2Fdraft/export.pdf`,
      `/api/proposals/${hostile}/versions/%00/export.pdf`,
      `/api/proposals/${hostile}/versions/${'a'.repeat(5000)}/export.pdf`,
      `/api/proposals/%E0%A4%A/versions/draft/export.pdf`,
      `/api/proposals/${hostile}/versions/draft/export.exe`,
      `/api/proposals/${hostile}/versions/..%5C..%5Cdraft`,
      `/api/proposals/${hostile}/versions/%2e%2e`,
    ]
    for (const path of paths) {
      const { status, body } = await rawGet(s.server.port, path, { cookie: s.cookies['sozialamt.viewer']! })
      expect([400, 404], path).toContain(status)
      expect(JSON.parse(body), path).toHaveProperty('error')
    }
  })
})
