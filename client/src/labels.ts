// German words for what the API sends in English or as data.
import type { ProposalStatus } from '../../shared/proposal'

export const statusLabel: Record<ProposalStatus, string> = {
  draft: 'Entwurf',
  cosigning: 'in Mitzeichnung',
  cosigned: 'mitgezeichnet',
  released: 'freigegeben',
}

const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' })

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))
