// Loads the proposal named in the path and the signed-in user's rights on it, once per request, for
// every /api/proposals/:id/* route; a proposal that does not exist is a 404 before any handler runs.
import type { MiddlewareHandler } from 'hono'
import type { Db } from '../../db/client'
import { accessOf, type ProposalAccess } from '../auth/rights'
import { NotFoundError } from '../domain-errors'
import type { SessionEnv } from './session'

export type ProposalEnv = { Variables: SessionEnv['Variables'] & { access: ProposalAccess } }

export function proposalAccess(db: Db): MiddlewareHandler<ProposalEnv> {
  return async (c, next) => {
    const access = await accessOf(db, c.get('user'), c.req.param('id') ?? '')
    if (!access) throw new NotFoundError('no such proposal')
    c.set('access', access)
    await next()
  }
}
