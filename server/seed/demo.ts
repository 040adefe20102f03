// Demo proposals from the seed papers and demo users, added once at start-up so a new installation is not empty.
import { eq } from 'drizzle-orm'
import * as Y from 'yjs'
import { readHeader, schemaVersion } from '../../shared/model'
import type { Db } from '../../db/client'
import { proposals, users } from '../../db/schema'
import { hashPassword } from '../auth/passwords'
import { addUser } from '../auth/users'
import { templateUpdate } from '../../shared/demo'
import type { DocStore } from '../storage/doc-store'
import { factsOfUpdate } from '../sync/update-facts'

type DemoProposal = { id: string; template: string }

/** The demo papers, built from the templates in shared/demo.ts. */
export const demoProposals: DemoProposal[] = [
  { id: 'demo9492019', template: 'pakt-949-2019' },
  { id: 'demointegration20222023', template: 'integration-2022-2023' },
]

/** Adds each demo proposal that is not there yet; returns how many were added. */
export async function seedDemoProposals(db: Db, store: DocStore): Promise<number> {
  let added = 0
  for (const demo of demoProposals) {
    if ((await db.select({ id: proposals.id }).from(proposals).where(eq(proposals.id, demo.id)))[0]) continue
    const update = templateUpdate(demo.template)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    const header = readHeader(doc)
    doc.destroy()
    // The demo papers are the server's own writing: no one's edits.
    await store.append(demo.id, [{ update, author: null, facts: factsOfUpdate(update) }])
    await db.insert(proposals)
      // Built through the model by this code (the templates migrate what they wrote): at the current layout.
      .values({ id: demo.id, number: header.number, title: header.title, leadDepartmentId: header.leadDepartment || 'sozialamt', contentLayout: schemaVersion })
    added++
  }
  return added
}

const demoNames = {
  sozialamt: { lead: 'Sabine Krüger', editor: 'Jonas Weber', viewer: 'Petra Lang' },
  jobcenter: { lead: 'Ahmet Yılmaz', editor: 'Clara Vogt', viewer: 'Tim Ruf' },
  akr: { lead: 'Dr. Ulrike Hahn', editor: 'Markus Seitz', viewer: 'Eva Brandt' },
  wfb: { lead: 'Thomas Maier', editor: 'Lena Öztürk', viewer: 'Jörg Fischer' },
} as const

const demoPassword = 'demo'

/** One user per department and role; all share the password `demo` (so they bypass the password policy). */
export const demoUsers = (['sozialamt', 'jobcenter', 'akr', 'wfb'] as const).flatMap((departmentId) =>
  (['lead', 'editor', 'viewer'] as const).map((role) => ({
    username: `${departmentId}.${role}`,
    displayName: `${demoNames[departmentId][role]}`,
    departmentId,
    role,
    password: demoPassword,
    // A reserved domain: a demo with SMTP configured mails nobody real.
    email: `${departmentId}.${role}@mitzeichnung.invalid`,
  })),
)

export async function seedDemoUsers(db: Db, passwordCost?: number): Promise<number> {
  const existing = new Set((await db.select({ username: users.username }).from(users)).map((row) => row.username))
  const missing = demoUsers.filter((user) => !existing.has(user.username))
  if (missing.length === 0) return 0
  // Every demo user has the password "demo": hashed once (scrypt is slow on purpose), not twelve times.
  const passwordHash = await hashPassword(demoPassword, passwordCost)
  await Promise.all(missing.map((user) => addUser(db, user, { checkPolicy: false, passwordHash })))
  return missing.length
}
