// The proposal diff for board and server: one import.
export * from './types'
export { diffProposal, type DiffOptions } from './proposal-diff'
export { diffPlainText, diffRichText } from './text'
