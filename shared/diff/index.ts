// The proposal diff for board and server: one import.
export * from './types'
export { diffProposal, type DiffOptions } from './proposal-diff'
export { aroundChanges, diffPlainText, diffRichText } from './text'
