// Refuses cross-site state changes to the REST API (CSRF) by the origin rule in auth/origin.ts, which the
// sync upgrade applies too (cross-site WebSocket hijacking).
import type { MiddlewareHandler } from 'hono'
import { decideOrigin } from '../auth/origin'

/** Methods that change nothing; browsers may send them cross-site (links, images), they are not checked. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** CSRF guard for the REST API: state-changing requests must come from our own origin (403). */
export function originCheck(allowedOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next()
    const decision = decideOrigin((name) => c.req.header(name), allowedOrigins)
    if (!decision.ok) return c.json({ error: decision.error }, 403)
    return next()
  }
}

/**
 * State-changing requests carry JSON or nothing (415 otherwise): a form or `text/plain` body is what a
 * browser sends cross-site without a CORS preflight, so refusing them closes that door twice.
 */
export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next()
    const contentType = c.req.header('content-type')
    const length = c.req.header('content-length')
    const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined
    if (contentType === undefined && !hasBody) return next()
    const mediaType = contentType?.split(';')[0]!.trim().toLowerCase()
    if (mediaType !== 'application/json') return c.json({ error: 'request body must be application/json' }, 415)
    return next()
  }
}
