// The first page after sign-in: my inbox above the list of proposals.
import { Inbox } from '../inbox/Inbox'
import ProposalList from './ProposalList'

export default function HomePage() {
  return (
    <>
      <Inbox />
      <ProposalList />
    </>
  )
}
