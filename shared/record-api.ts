// Request bodies for the co-signing and comment endpoints, decoded the same way on both sides.
import { z } from 'zod/mini'
import { sectionNames } from './model/canonical'
import { departmentIdSchema } from './departments'
import { editModes, stances } from './record'
import { overrideReasonMinLength } from './release-checks'
import { isCalendarDate } from './working-days'

const sectionsSchema = z.array(z.enum(sectionNames)).check(z.minLength(1, 'choose at least one section'), z.maxLength(sectionNames.length))

const dueSchema = z.string().check(z.refine(isCalendarDate, 'due must be a date YYYY-MM-DD'))

export const involvedDepartmentsSchema = z.object({
  departments: z
    .array(
      z.object({
        departmentId: departmentIdSchema,
        sections: z._default(sectionsSchema, () => [...sectionNames]),
        /** The department's deadline when the round starts; without one, the configured working days from today. */
        due: z.optional(dueSchema),
        /** 'suggest': the department's changes become suggestions the lead accepts. */
        editMode: z._default(z.enum(editModes), 'edit'),
      }),
    )
    .check(z.maxLength(50)),
})
export type InvolvedDepartmentsInput = z.infer<typeof involvedDepartmentsSchema>

export const signSchema = z.object({
  stance: z.enum(stances, 'stance must be one of acknowledged, approved, remarks, objection'),
  remark: z._default(z.string().check(z.trim(), z.maxLength(5000, 'remark must be at most 5000 characters')), ''),
})

const commentText = z.string().check(z.trim(), z.minLength(1, 'text must not be empty'), z.maxLength(5000, 'text must be at most 5000 characters'))

export const newThreadSchema = z.object({
  anchor: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('position'), positionId: z.string().check(z.minLength(1), z.maxLength(64)) }),
    z.object({
      kind: z.literal('body'),
      from: z.string().check(z.minLength(1), z.maxLength(2000)),
      to: z.string().check(z.minLength(1), z.maxLength(2000)),
      quote: z._default(z.string().check(z.maxLength(500)), ''),
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
  override: z.optional(
    z.object({
      reason: z
        .string()
        .check(
          z.trim(),
          z.minLength(overrideReasonMinLength, `reason must be at least ${overrideReasonMinLength} characters`),
          z.maxLength(2000, 'reason must be at most 2000 characters'),
        ),
    }),
  ),
})
export type ReleaseInput = z.infer<typeof releaseSchema>

/** The lead moves a department's deadline to a later day (audited). */
export const extendDeadlineSchema = z.object({ departmentId: departmentIdSchema, due: dueSchema })
export type ExtendDeadlineInput = z.infer<typeof extendDeadlineSchema>
