// The proposals service commits each command whole and tells the record room once, after the commit.
// Failures are injected the way a real database fails: a trigger (added through a second connection
// to the server's SQLite file) aborts one statement of the command.
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRecordStatus, readSignatures } from '../../shared/record'
import { titleText } from '../../shared/model'
import { connectClient } from '../helpers/clients'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'

/** Runs SQL on the server's database through a connection of its own, as an operator would. */
function onDatabase<T>(dataDir: string, use: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(path.join(dataDir, 'mitzeichnung.sqlite'))
  sqlite.pragma('busy_timeout = 2000')
  try {
    return use(sqlite)
  } finally {
    sqlite.close()
  }
}

/** Asserts that `condition` holds on every poll for `ms`: what a change must never do, watched for longer than it takes. */
async function holdsFor(condition: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (!(await condition())) throw new Error(`no longer true: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('proposal commands are atomic', () => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)
  const sql = (statement: string) => onDatabase(world.server.dataDir, (sqlite) => sqlite.exec(statement))

  /** A proposal whose round is started for AKR only. */
  async function inCosigning() {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019' })
    expect((await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments: [{ departmentId: 'akr' }] })).status).toBe(200)
    return body.id
  }
  const auditActions = async (id: string) =>
    (await api('sozialamt.lead').get<{ action: string }[]>(`/proposals/${id}/audit`)).body.map((entry) => entry.action)
  const statusOf = async (id: string) => (await api('sozialamt.lead').get<{ status: string }>(`/proposals/${id}`)).body.status

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'akr.lead'], { env: { STORE_RETRY_MS: '50' } })
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  it('a failure storing the released version leaves the proposal unreleased, with no audit entry claiming otherwise', async () => {
    const id = await inCosigning()
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    expect(await statusOf(id)).toBe('cosigned')
    sql(`create trigger fail_release before insert on versions when new.origin = 'release' begin select raise(abort, 'injected: versions unavailable'); end`)
    try {
      const refused = await api('sozialamt.lead').post(`/proposals/${id}/release`)
      expect(refused.status).toBe(500)
      expect(await statusOf(id)).toBe('cosigned')
      expect(await auditActions(id)).not.toContain('released')
      expect((await api('sozialamt.editor').get<{ canEdit: boolean }>(`/proposals/${id}/rights`)).body.canEdit).toBe(true)
    } finally {
      sql('drop trigger fail_release')
    }
    expect((await api('sozialamt.lead').post(`/proposals/${id}/release`)).status).toBe(200)
    expect(await statusOf(id)).toBe('released')
    const versions = await api('sozialamt.lead').get<{ origin: string }[]>(`/proposals/${id}/versions`)
    expect(versions.body.map((v) => v.origin)).toEqual(['release'])
  })

  it('a signature and the status change it causes commit together: when the status cannot change, there is no signature', async () => {
    const id = await inCosigning()
    sql(`create trigger fail_cosigned before update of status on proposals when new.status = 'cosigned' begin select raise(abort, 'injected: status unavailable'); end`)
    try {
      expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(500)
      expect(await statusOf(id)).toBe('cosigning')
      expect(await auditActions(id)).not.toContain('signed')
      const record = await world.connect(`${id}/record`, 'sozialamt.editor')
      expect(readSignatures(record.doc)).toEqual([])
    } finally {
      sql('drop trigger fail_cosigned')
    }
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['signed', 'status: all signatures current']))
    expect(await statusOf(id)).toBe('cosigned')
  })

  it('one signing sends the record once, with the signature and the status it causes in the same update', async () => {
    const id = await inCosigning()
    const record = await world.connect(`${id}/record`, 'sozialamt.editor')
    const seen: { signatures: number; status: string | undefined }[] = []
    record.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === record.provider) seen.push({ signatures: readSignatures(record.doc).length, status: readRecordStatus(record.doc)?.status })
    })
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    // A comment afterwards is a barrier: once it is here, everything the signing sent is here too.
    expect((await api('sozialamt.lead').post(`/proposals/${id}/threads`, { anchor: { kind: 'proposal' }, text: 'Danke.' })).status).toBe(201)
    await waitFor(() => seen.length >= 2 && seen.at(-1)!.status === 'cosigned', { what: 'the comment after the signature' })
    expect(seen).toEqual([
      { signatures: 1, status: 'cosigned' },
      { signatures: 1, status: 'cosigned' },
    ])
  })

  it('a content update that failed to store does not change the proposal row; once stored, it does', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string; title: string }>('/proposals', { title: 'Vorher' })
    const id = body.id
    const editor = world.track(connectClient(world.server.wsUrl, id, { cookie: world.cookies['sozialamt.editor']! }))
    await waitFor(() => editor.provider.synced, { what: 'editor synced' })
    const closes: number[] = []
    editor.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const titleOnRow = async () => (await api('sozialamt.lead').get<{ title: string }>(`/proposals/${id}`)).body.title
    sql(`create trigger fail_content before insert on doc_updates when new.doc_name = '${id}' begin select raise(abort, 'injected: disk full'); end`)
    try {
      Y.transact(editor.doc, () => {
        const title = titleText(editor.doc)
        title.delete(0, title.length)
        title.insert(0, 'Nachher')
      })
      await waitFor(() => closes.includes(4503), { what: 'the editor told that storing failed' })
      // The list entry follows stored content only: ten times the settle delay, and it stays.
      await holdsFor(async () => (await titleOnRow()) === 'Vorher', 1000, 'the row keeps the stored title')
    } finally {
      sql('drop trigger fail_content')
    }
    await waitFor(async () => (await titleOnRow()) === 'Nachher', { what: 'the row follows once the update is stored' })
  })
})
