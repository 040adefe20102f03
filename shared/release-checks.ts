// What is unresolved before a release, computed the same way by the server (which enforces the hard
// points) and by the client (which lists every point in the confirmation dialog).
import { type CanonicalSections, type Consultation, type SectionName } from './model'
import { hashSections } from './model/content-hash'
import type { InvolvedDepartment, RecordSignature, RecordThread } from './record'

/** Hard points block a release unless the lead records an override with a reason. */
export type HardReleaseProblem =
  | { kind: 'no-cosigners' }
  | { kind: 'signature-missing'; departmentId: string }
  | { kind: 'signature-outdated'; departmentId: string; voided: boolean }

/** Soft points are shown and must be confirmed, but never block. */
export type SoftReleaseProblem =
  | { kind: 'session-date-empty'; consultationId: string; committee: string }
  | { kind: 'thread-open'; threadId: string; excerpt: string }
  | { kind: 'objection'; departmentId: string; remark: string }
  | { kind: 'no-signatory' }

export type ReleaseProblem = HardReleaseProblem | SoftReleaseProblem

export type ReleaseChecklist = { hard: HardReleaseProblem[]; soft: SoftReleaseProblem[] }

export type ReleaseCheckInput = {
  involved: readonly InvolvedDepartment[]
  signatures: readonly Pick<RecordSignature, 'departmentId' | 'stance' | 'remark' | 'sections' | 'sectionsHash' | 'voided'>[]
  threads: readonly Pick<RecordThread, 'id' | 'resolved' | 'comments'>[]
  /** The content's canonical sections; undefined when unreadable (then no signature counts as current). */
  sections: CanonicalSections | undefined
}

/** The minimum length of an override reason: a word or two is not a reason. */
export const overrideReasonMinLength = 10

const excerptLength = 80

/** A signature is current while it was not voided and its sections still hash to what was signed. */
export function signatureIsCurrent(
  signature: Pick<RecordSignature, 'sections' | 'sectionsHash' | 'voided'>,
  sections: CanonicalSections | undefined,
): boolean {
  return !signature.voided && sections !== undefined && hashSections(sections, signature.sections as SectionName[]) === signature.sectionsHash
}

export function releaseChecklist(input: ReleaseCheckInput): ReleaseChecklist {
  const hard: HardReleaseProblem[] = []
  const soft: SoftReleaseProblem[] = []
  const signed = new Map(input.signatures.map((s) => [s.departmentId, s]))
  if (input.involved.length === 0) hard.push({ kind: 'no-cosigners' })
  for (const { departmentId } of input.involved) {
    const signature = signed.get(departmentId)
    if (!signature) hard.push({ kind: 'signature-missing', departmentId })
    else if (!signatureIsCurrent(signature, input.sections)) hard.push({ kind: 'signature-outdated', departmentId, voided: signature.voided })
  }
  for (const { departmentId } of input.involved) {
    const signature = signed.get(departmentId)
    if (signature?.stance === 'objection') soft.push({ kind: 'objection', departmentId, remark: signature.remark })
  }
  if (input.sections) {
    // The canonical sections are plain data typed `unknown`; these two shapes are fixed by canonicalSections.
    for (const c of input.sections.consultations as Consultation[]) {
      if (c.sessionDate === '') soft.push({ kind: 'session-date-empty', consultationId: c.id, committee: c.committee })
    }
    const signatory = (input.sections.header as { signatory?: string }).signatory ?? ''
    if (signatory.trim() === '') soft.push({ kind: 'no-signatory' })
  }
  for (const thread of input.threads) {
    if (thread.resolved) continue
    const text = thread.comments[0]?.text ?? ''
    soft.push({ kind: 'thread-open', threadId: thread.id, excerpt: text.length > excerptLength ? `${text.slice(0, excerptLength - 1)}…` : text })
  }
  return { hard, soft }
}
