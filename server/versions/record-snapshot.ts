// The co-signature record as it stands now, frozen for a version or an export: who signed what, and
// whether each signature still matches the content it is judged against.
import type { Db } from '../../db/client'
import { type CanonicalSections, type SectionName } from '../../shared/model'
import { hashSections } from '../../shared/model/content-hash'
import type { VersionRecord } from '../../shared/versions'
import { projectRecord } from '../record/projection'

export async function snapshotRecord(db: Db, proposalId: string, sections: CanonicalSections): Promise<VersionRecord | undefined> {
  const projection = await projectRecord(db, proposalId)
  if (!projection) return undefined
  const { status, leadDepartmentId, involved } = projection.status
  return {
    status,
    leadDepartmentId,
    involved,
    signatures: projection.signatures.map((signature) => ({
      ...signature,
      current: !signature.voided && hashSections(sections, signature.sections as SectionName[]) === signature.sectionsHash,
    })),
  }
}
