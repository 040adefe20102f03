// English texts of the release confirmation, checked against the German keys.
import type { deRelease } from './de-release'

export const enRelease: Record<keyof typeof deRelease, string> = {
  'rel.title': 'Check the release',
  'rel.intro': 'Before the release, the following is still unresolved:',
  'rel.allClear': 'All clear: every department involved has co-signed the current content, nothing is open.',
  'rel.hardHeading': 'Blocks the release',
  'rel.softHeading': 'Still open (does not block)',
  'rel.noCosigners': 'No department is involved in co-signing.',
  'rel.missing': '{department}: co-signature missing.',
  'rel.outdated': '{department}: co-signature is outdated – the content has changed since.',
  'rel.voided': '{department}: co-signature is void (after reopening).',
  'rel.sessionDate': 'Consultations: no session date for “{committee}”.',
  'rel.sessionDateUnnamed': 'Consultations: an entry without committee and without session date.',
  'rel.thread': 'Open comment: “{excerpt}”',
  'rel.objection': '{department} raised an objection: “{remark}”',
  'rel.noSignatory': 'No signatory given in the header.',
  'rel.overrideLabel': 'Reason for releasing despite missing or outdated co-signatures',
  'rel.overrideHint': 'At least {n} characters. The reason is kept in the history.',
  'rel.overrideTooShort': 'Please give a reason of at least {n} characters.',
  'rel.confirm': 'Release now',
  'rel.confirmOverride': 'Release anyway',
  'rel.cancel': 'Cancel',
  'rel.refused': 'Not released: {message}',
  'audit.releasedOverride': 'released despite missing or outdated co-signatures',
  'steer.releaseBlocked': 'Current co-signatures are still missing. Releasing is only possible with a reason, which is kept in the history.',
}
