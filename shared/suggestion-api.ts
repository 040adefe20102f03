// The body of the lead's decision on suggestions: some by id, or every pending one of an author.
import { z } from 'zod/mini'

const decision = z.enum(['accept', 'reject'], 'decision must be accept or reject')

export const suggestionDecisionSchema = z.union([
  z.strictObject({
    decision,
    ids: z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids must be suggestion ids'))).check(z.minLength(1), z.maxLength(500)),
  }),
  z.strictObject({ decision, authorId: z.string().check(z.minLength(1), z.maxLength(64)) }),
])
export type SuggestionDecision = z.infer<typeof suggestionDecisionSchema>

export type SuggestionDecisionResult = { accepted: string[]; rejected: string[]; gone: string[] }
