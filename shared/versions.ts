// Named versions (Fassungen) as the REST API and both sides see them: summaries, the frozen record, bodies.
import { z } from 'zod/mini'
import type { ProposalStatus } from './proposal'
import type { InvolvedDepartment, RecordSignature } from './record'

export const versionOrigins = ['manual', 'release', 'restore'] as const
/** manual: named by a member; release: made by the release; restore: the live state kept before a restore. */
export type VersionOrigin = (typeof versionOrigins)[number]

/** A signature as it stood when the version was made, and whether it still matched the content then. */
export type VersionSignature = RecordSignature & { current: boolean }

/** The co-signature record frozen with a version. */
export type VersionRecord = {
  status: ProposalStatus
  leadDepartmentId: string
  involved: InvolvedDepartment[]
  signatures: VersionSignature[]
}

export type VersionSummary = {
  id: string
  proposalId: string
  number: number
  name: string
  origin: VersionOrigin
  contentHash: string
  createdAt: string
  createdBy: { id: string; name: string; departmentId: string }
}

export const versionNameSchema = z.string().check(z.trim(), z.minLength(1, 'name must not be empty'), z.maxLength(200, 'name must be at most 200 characters'))

export const createVersionSchema = z.object({ name: versionNameSchema })
export type CreateVersion = z.infer<typeof createVersionSchema>

/** Version ids appear in URLs, so they use the same URL-safe alphabet as proposal ids. */
export const versionIdSchema = z.string().check(z.regex(/^[a-z0-9]{6,32}$/, 'version id must be 6–32 characters a–z, 0–9'))

/** `draft` is the live state; anything else names a stored version. */
export const draftRef = 'draft'
export const versionRefSchema = z.union([z.literal(draftRef), versionIdSchema])

/** What a diff compares: a version, the live draft, or the state a department signed. */
export const diffRefSchema = z.union([versionRefSchema, z.string().check(z.regex(/^signature:[a-z0-9-]{2,32}$/, 'signature ref must be signature:<department>'))])
export type DiffRef = z.infer<typeof diffRefSchema>

export const diffQuerySchema = z.object({ from: diffRefSchema, to: z._default(diffRefSchema, draftRef) })
