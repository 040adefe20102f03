// The OParl endpoint's answers, one per kind of URL: each reads the catalog fresh and builds the object
// or list page. Missing objects are NotFoundError (404); withdrawn ones answer as deleted (200).
import type { Db } from '../../db/client'
import type { OparlLink } from '../../shared/api-responses'
import type { OparlConfig } from '../config'
import { NotFoundError } from '../domain-errors'
import type { Exporter } from '../export/exporter'
import type { ProposalRooms } from '../sync/proposal-rooms'
import { createCatalog, type Listed, type PublishedFile } from './catalog'
import { listPage, type ListPage, type ListQuery } from './lists'
import {
  bodyObject,
  committeeObject,
  consultationObject,
  departmentObject,
  fileObject,
  meetingObject,
  paperObject,
  systemObject,
  type OparlContext,
  type OparlObject,
} from './objects'
import { createReleasedFiles } from './released-files'
import { departmentKey, oparlUrls, type FileFormat, type ListKind } from './urls'

export type OparlDeps = { db: Db; rooms: ProposalRooms; exporter: Exporter; publicBaseUrl: string; oparl: OparlConfig }

export type OparlList = { data: OparlObject[]; pagination: ListPage<Listed>['pagination']; links: ListPage<Listed>['links'] }

export function createOparlEndpoint(deps: OparlDeps) {
  const urls = oparlUrls(deps.publicBaseUrl)
  const loadCatalog = createCatalog(deps.db)
  const files = createReleasedFiles(deps)
  const context = async (): Promise<OparlContext> => ({ urls, body: deps.oparl.body, catalog: await loadCatalog(), files })

  const page = async <T extends Listed>(items: readonly T[], query: ListQuery, listUrl: string, build: (item: T) => OparlObject | Promise<OparlObject>): Promise<OparlList> => {
    const { items: shown, pagination, links } = listPage(items, query, listUrl, deps.oparl.pageSize)
    return { data: await Promise.all(shown.map(build)), pagination, links }
  }

  /** Departments and committees, as one Organization list. */
  const organizations = (ctx: OparlContext): (Listed & { key: string; build(): OparlObject })[] => [
    ...ctx.catalog.departments.map((d) => ({ ...d, key: departmentKey(d.id), build: () => departmentObject(ctx, d) })),
    ...ctx.catalog.committees.map((c) => ({ ...c, build: () => committeeObject(ctx, c) })),
  ]

  const publishedFile = (ctx: OparlContext, versionId: string, format: FileFormat): PublishedFile => {
    const file = ctx.catalog.files.find((f) => f.release.versionId === versionId && f.format === format)
    if (!file) throw new NotFoundError('no such file')
    return file
  }

  const enabled = deps.oparl.public || deps.oparl.token !== undefined

  return {
    urls,
    /** Where a proposal's paper is on this endpoint, for the versions page and the export file. */
    async link(proposalId: string): Promise<OparlLink> {
      if (!enabled) return { enabled: false }
      const paper = (await loadCatalog()).papers.find((p) => p.proposalId === proposalId)
      return paper ? { enabled: true, paperUrl: urls.paper(proposalId), published: !paper.deleted } : { enabled: true, paperUrl: null }
    },
    system: async () => systemObject(await context()),
    body: async () => bodyObject(await context()),
    async bodies(query: ListQuery): Promise<OparlList> {
      const ctx = await context()
      const body = { created: ctx.catalog.installedAt, modified: ctx.catalog.installedAt, deleted: false, sortKey: 'body' }
      return page([body], query, urls.bodies, () => bodyObject(ctx))
    },
    async list(kind: ListKind, query: ListQuery): Promise<OparlList> {
      const ctx = await context()
      const url = urls.list(kind)
      const omitInternal = query.omit_internal === 'true'
      switch (kind) {
        case 'organization':
          return page(organizations(ctx), query, url, (o) => o.build())
        case 'person':
          // People are internal users here: none is published.
          return page([] as Listed[], query, url, () => ({}) as OparlObject)
        case 'meeting':
          return page(ctx.catalog.meetings, query, url, (m) => meetingObject(ctx, m))
        case 'paper':
          return page(ctx.catalog.papers, query, url, (p) => paperObject(ctx, p, { omitInternal }))
        case 'consultation':
          return page(ctx.catalog.consultations, query, url, (c) => consultationObject(ctx, c))
        case 'file':
          return page(ctx.catalog.files, query, url, (f) => fileObject(ctx, f))
      }
    },
    async organization(key: string): Promise<OparlObject> {
      const ctx = await context()
      const found = organizations(ctx).find((o) => o.key === key)
      if (!found) throw new NotFoundError('no such organization')
      return found.build()
    },
    async meeting(key: string): Promise<OparlObject> {
      const ctx = await context()
      const meeting = ctx.catalog.meetings.find((m) => m.key === key)
      if (!meeting) throw new NotFoundError('no such meeting')
      return meetingObject(ctx, meeting)
    },
    async paper(proposalId: string): Promise<OparlObject> {
      const ctx = await context()
      const paper = ctx.catalog.papers.find((p) => p.proposalId === proposalId)
      if (!paper) throw new NotFoundError('no such paper')
      return paperObject(ctx, paper)
    },
    async consultation(proposalId: string, itemId: string): Promise<OparlObject> {
      const ctx = await context()
      const consultation = ctx.catalog.consultations.find((c) => c.paper.proposalId === proposalId && c.itemId === itemId)
      if (!consultation) throw new NotFoundError('no such consultation')
      return consultationObject(ctx, consultation)
    },
    async file(versionId: string, format: FileFormat): Promise<OparlObject> {
      const ctx = await context()
      return fileObject(ctx, publishedFile(ctx, versionId, format))
    },
    /** The bytes of a published file; a deleted (withdrawn or superseded) one is gone. */
    async fileBytes(versionId: string, format: FileFormat): Promise<{ bytes: Uint8Array; fileName: string } | 'gone'> {
      const file = publishedFile(await context(), versionId, format)
      if (file.deleted) return 'gone'
      return files.bytes(file.release, format)
    },
  }
}

export type OparlEndpoint = ReturnType<typeof createOparlEndpoint>
