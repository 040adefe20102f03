// Request bodies for the co-signing and comment endpoints, decoded the same way on both sides.
import { z } from 'zod'
import { sectionNames } from './model/canonical'
import { departmentIdSchema } from './departments'
import { editModes, stances } from './record'
import { overrideReasonMinLength } from './release-checks'
import { isCalendarDate } from './working-days'

const sectionsSchema = z.array(z.enum(sectionNames)).min(1, 'choose at least one section').max(sectionNames.length)

const dueSchema = z.string().refine(isCalendarDate, 'due must be a date YYYY-MM-DD')

export const involvedDepartmentsSchema = z.object({
  departments: z
    .array(
      z.object({
        departmentId: departmentIdSchema,
        sections: sectionsSchema.default([...sectionNames]),
        /** The department's deadline when the round starts; without one, the configured working days from today. */
        due: dueSchema.optional(),
        /** 'suggest': the department's changes become suggestions the lead accepts. */
        editMode: z.enum(editModes).default('edit'),
      }),
    )
    .max(50),
})
export type InvolvedDepartmentsInput = z.infer<typeof involvedDepartmentsSchema>

export const signSchema = z.object({
  stance: z.enum(stances, 'stance must be one of acknowledged, approved, remarks, objection'),
  remark: z.string().trim().max(5000, 'remark must be at most 5000 characters').default(''),
})

const commentText = z.string().trim().min(1, 'text must not be empty').max(5000, 'text must be at most 5000 characters')

export const newThreadSchema = z.object({
  anchor: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('position'), positionId: z.string().min(1).max(64) }),
    z.object({
      kind: z.literal('body'),
      from: z.string().min(1).max(2000),
      to: z.string().min(1).max(2000),
      quote: z.string().max(500).default(''),
    }),
    z.object({ kind: z.literal('proposal') }),
  ]),
  text: commentText,
})

export const replySchema = z.object({ text: commentText })

/**
 * Department tags and user names mentioned in a comment, e.g. `@WFB`, `@akr.lead`; matched against the
 * known tags and names by the server. A dot ends the mention unless a letter or digit follows it.
 */
export function mentionedTags(text: string): string[] {
  return [...text.matchAll(/@([\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*)/gu)].map((match) => match[1]!.toLowerCase())
}

/** A release body: empty, or an override of the hard release checks with the lead's reason (kept in the audit log). */
export const releaseSchema = z.object({
  override: z
    .object({
      reason: z
        .string()
        .trim()
        .min(overrideReasonMinLength, `reason must be at least ${overrideReasonMinLength} characters`)
        .max(2000, 'reason must be at most 2000 characters'),
    })
    .optional(),
})
export type ReleaseInput = z.infer<typeof releaseSchema>

/** The lead moves a department's deadline to a later day (audited). */
export const extendDeadlineSchema = z.object({ departmentId: departmentIdSchema, due: dueSchema })
export type ExtendDeadlineInput = z.infer<typeof extendDeadlineSchema>
