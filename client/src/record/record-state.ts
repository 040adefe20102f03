// The server-owned record of an open proposal as signals: status, involved departments, signatures
// (with whether each still matches the content, computed live here), and comment threads.
import { createMemo, createResource, createSignal, onCleanup, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { canonicalSections, type SectionName } from '../../../shared/model'
import type { ProposalStatus } from '../../../shared/proposal'
import {
  readDeadlines,
  readRecordStatus,
  readSignatures,
  readThreads,
  type InvolvedDepartment,
  type RecordDeadline,
  type RecordSignature,
  type RecordThread,
} from '../../../shared/record'
import type { SessionUser } from '../../../shared/identity'
import { rightsOf, type ProposalRights } from '../../../shared/rights'
import { lastLoaded } from '../api'
import { useDocValue } from '../use-doc-value'

/** How long the content must have changed before signatures are checked again: hashing a big doc costs. */
const recheckMs = 150

export type ProposalRecord = {
  status: Accessor<ProposalStatus | undefined>
  leadDepartmentId: Accessor<string | undefined>
  involved: Accessor<InvolvedDepartment[]>
  signatures: Accessor<RecordSignature[]>
  threads: Accessor<RecordThread[]>
  /** Each involved department's deadline, as the server's clock judges it. */
  deadlines: Accessor<RecordDeadline[]>
  /** Per department: its signature matches the content it signed (undefined until the content is there). */
  currentByDepartment: Accessor<Map<string, boolean> | undefined>
  /** What the user may do, by the one rights rule (shared/rights.ts); undefined until the record is here. */
  rights: Accessor<ProposalRights | undefined>
  /** A lead of the leading department: chooses who co-signs, releases, reopens. */
  canSteer: Accessor<boolean>
  /** A lead of an involved department: signs for it. */
  canSign: Accessor<boolean>
  /** Everyone but viewers may comment (the server checks the same rule). */
  canComment: Accessor<boolean>
}

export function createProposalRecord(options: {
  content: Y.Doc
  record: Y.Doc
  contentLoaded: Accessor<boolean>
  /** The signed-in user; an accessor, because a changed role is fetched again. */
  user: Accessor<SessionUser>
}): ProposalRecord {
  const { content, record, user } = options
  const status = useDocValue(record, readRecordStatus)
  const signatures = useDocValue(record, readSignatures)
  const threads = useDocValue(record, readThreads)
  const deadlines = useDocValue(record, readDeadlines)

  // Re-hash at most every `recheckMs` while someone types, and at once when the signatures change.
  const [contentVersion, setContentVersion] = createSignal(0)
  let timer: ReturnType<typeof setTimeout> | undefined
  const onUpdate = () => {
    timer ??= setTimeout(() => {
      timer = undefined
      setContentVersion((v) => v + 1)
    }, recheckMs)
  }
  content.on('update', onUpdate)
  onCleanup(() => {
    content.off('update', onUpdate)
    clearTimeout(timer)
  })

  // The hash code (SHA-256) is fetched once a co-signing round has departments (or signatures exist):
  // a draft nobody co-signs yet never needs it, and a signature given in the round is checked at once.
  const [hashing] = createResource(
    () => (status()?.involved.length ?? 0) > 0 || signatures().length > 0 || undefined,
    () => import('../../../shared/model/content-hash').then((module) => module.hashSections),
  )
  const currentByDepartment = createMemo((): Map<string, boolean> | undefined => {
    void contentVersion()
    const list = signatures()
    if (!options.contentLoaded()) return undefined
    if (list.length === 0) return new Map()
    const hashSections = lastLoaded(hashing)
    if (!hashSections) return undefined
    let sections: ReturnType<typeof canonicalSections>
    try {
      sections = canonicalSections(content)
    } catch {
      // A layout this client cannot read: it cannot vouch for any signature.
      return new Map(list.map((s) => [s.departmentId, false]))
    }
    return new Map(
      list.map((s) => [s.departmentId, !s.voided && hashSections(sections, s.sections as SectionName[]) === s.sectionsHash]),
    )
  })

  const involved = () => status()?.involved ?? []
  // Derived from the record this page already has: no REST round trip, and live with every change.
  const rights = createMemo(() => {
    const current = status()
    return current && rightsOf(user(), current)
  })
  return {
    status: () => status()?.status,
    leadDepartmentId: () => status()?.leadDepartmentId,
    involved,
    signatures,
    threads,
    deadlines,
    currentByDepartment,
    rights,
    canSteer: () => !!rights()?.canSteer,
    canSign: () => !!rights()?.canSign,
    canComment: () => rights()?.canComment ?? user().role !== 'viewer',
  }
}
