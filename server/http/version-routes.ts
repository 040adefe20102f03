// REST for versions: list, make, open read-only, restore into the live draft, and diff any two states.
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import * as Y from 'yjs'
import { z } from 'zod'
import { diffProposal } from '../../shared/diff'
import { canonicalSections, sectionNames } from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import { createVersionSchema, diffQuerySchema, versionIdSchema, versionRefSchema } from '../../shared/versions'
import { restoreVersion } from '../versions/restore'
import { loadDiffSource, loadSource } from '../versions/sources'
import { createVersion, listVersions, type VersionDeps } from '../versions/versions'
import type { ProposalEnv } from './proposal-access'
import { readJson } from './validate'
import type { DiffAnswer, OpenedVersion, RestoreResult } from '../../shared/api-responses'
import type { VersionSummary } from '../../shared/versions'

/** A version in the path that cannot exist is simply not found. */
function pathVersion<S extends z.core.$ZodType<string>>(c: Context, schema: S): z.output<S> {
  const parsed = z.safeParse(schema, c.req.param('version'))
  if (!parsed.success) throw new HTTPException(404, { message: 'no such version' })
  return parsed.data
}

const sectionsQuery = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',') : undefined))
  .pipe(z.array(z.enum(sectionNames, 'sections: unknown section')).optional())

/** Decodes the query string through zod; a bad query becomes a 400 naming the parameter. */
function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new HTTPException(400, { message: `${issue.path.join('.') || 'query'}: ${issue.message}` })
  }
  return parsed.data
}

export function versionRoutes(deps: VersionDeps) {
  const { db } = deps
  return new Hono<ProposalEnv>()
    .get('/:id/versions', async (c) => c.json(await listVersions(db, c.get('access').proposal.id) satisfies VersionSummary[]))
    .post('/:id/versions', async (c) => {
      const { name } = await readJson(c, createVersionSchema)
      return c.json((await createVersion(deps, c.get('user'), c.get('access'), name)) satisfies VersionSummary, 201)
    })
    .get('/:id/versions/:version', async (c) => {
      const proposalId = c.get('access').proposal.id
      const source = await loadSource(deps, proposalId, pathVersion(c, versionRefSchema))
      try {
        return c.json({
          version: source.version,
          draft: source.draft,
          contentHash: contentHash(source.doc),
          content: canonicalSections(source.doc),
          // The full Yjs state, so a client can render it with the board's own read-only views.
          state: Buffer.from(Y.encodeStateAsUpdate(source.doc)).toString('base64'),
          record: source.record,
        } satisfies OpenedVersion)
      } finally {
        source.doc.destroy()
      }
    })
    .post('/:id/versions/:version/restore', async (c) => {
      return c.json((await restoreVersion(deps, c.get('user'), c.get('access'), pathVersion(c, versionIdSchema))) satisfies RestoreResult)
    })
    .get('/:id/diff', async (c) => {
      const proposalId = c.get('access').proposal.id
      const query = readQuery(c, z.object({ ...diffQuerySchema.shape, sections: sectionsQuery }))
      const from = await loadDiffSource(deps, proposalId, query.from)
      try {
        const to = await loadDiffSource(deps, proposalId, query.to)
        try {
          const diff = diffProposal(canonicalSections(from.doc), canonicalSections(to.doc), { sections: query.sections })
          return c.json({ from: { ref: query.from, label: from.label }, to: { ref: query.to, label: to.label }, diff } satisfies DiffAnswer)
        } finally {
          to.doc.destroy()
        }
      } finally {
        from.doc.destroy()
      }
    })
}
