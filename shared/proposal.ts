// The proposal as the REST API and both sides see it: ids, statuses, and the create body.
import { z } from 'zod/mini'

/** Proposal ids appear in URLs and room names unencoded, so they use a URL-safe alphabet. */
export const proposalIdSchema = z.string().check(z.regex(/^[a-z0-9]{6,32}$/, 'proposal id must be 6–32 characters a–z, 0–9'))

export const proposalStatuses = ['draft', 'cosigning', 'cosigned', 'released'] as const
export type ProposalStatus = (typeof proposalStatuses)[number]

/** A GRDrs number such as `949/2019`; empty while the paper has none yet. */
export const proposalNumberSchema = z.string().check(z.trim(), z.regex(/^(\d{1,4}\/\d{4})?$/, 'number must look like 949/2019'))

export const createProposalSchema = z.object({
  title: z.string().check(z.trim(), z.minLength(1, 'title must not be empty'), z.maxLength(300, 'title must be at most 300 characters')),
  number: z._default(proposalNumberSchema, ''),
  /** Start from a template (see shared/demo.ts) instead of a blank proposal. */
  template: z.optional(z.string().check(z.maxLength(64))),
})
export type CreateProposal = z.infer<typeof createProposalSchema>

export type ProposalSummary = {
  id: string
  number: string
  title: string
  status: ProposalStatus
  leadDepartmentId: string
  createdAt: string
  updatedAt: string
}
