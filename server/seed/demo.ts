// Demo proposals from the seed papers, added once at start-up so a new installation is not empty.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { proposals } from '../../db/schema'
import { initialProposalUpdate } from '../../shared/proposal-doc'
import type { DocStore } from '../storage/doc-store'

type DemoProposal = { id: string; number: string; title: string }

export const demoProposals: DemoProposal[] = [
  {
    id: 'demo9492019',
    number: '949/2019',
    title: 'Pakt für Integration – Verlängerung des Integrationsmanagements in den Jahren 2020 und 2021',
  },
]

/** Adds each demo proposal that is not there yet; returns how many were added. */
export async function seedDemoProposals(db: Db, store: DocStore): Promise<number> {
  let added = 0
  for (const demo of demoProposals) {
    if (db.select({ id: proposals.id }).from(proposals).where(eq(proposals.id, demo.id)).get()) continue
    await store.append(demo.id, [initialProposalUpdate(demo.title)])
    db.insert(proposals).values({ id: demo.id, number: demo.number, title: demo.title }).run()
    added++
  }
  return added
}
