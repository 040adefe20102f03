// Security headers on every answer: a strict Content-Security-Policy, nosniff, no framing, no referrer leaks, HSTS over HTTPS.
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { oparlPath } from '../oparl/urls'

/** HSTS for a year; sent only over HTTPS, where browsers heed it. */
const hsts = 'max-age=31536000; includeSubDomains'

/**
 * The built client is one module script and stylesheets from /assets, no inline script or style
 * (ProseMirror and Solid set styles through the CSSOM, which style-src does not govern). WebSockets go to
 * the page's own origin: `connect-src 'self'` covers ws:/wss: there (CSP Level 3).
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // The favicon is `data:,` (client/index.html).
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/**
 * HSTS when the app is public over HTTPS (PUBLIC_BASE_URL https), or this request arrived over TLS or through
 * a proxy that says so (X-Forwarded-Proto). A forged X-Forwarded-Proto on plain HTTP only earns a header the
 * browser ignores there (RFC 6797 §8.1), so trusting it costs nothing.
 */
export function securityHeaders(options: { publicBaseUrl: string }): MiddlewareHandler {
  const publicOverHttps = new URL(options.publicBaseUrl).protocol === 'https:'
  const headers = secureHeaders({
    contentSecurityPolicy,
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
  })
  return async (c, next) => {
    await headers(c, next)
    // OParl is for other sites' clients too (the spec asks for CORS): its answers may be read cross-origin.
    if (c.req.path.startsWith(`${oparlPath}/`) || c.req.path === oparlPath) c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    const overHttps = publicOverHttps || new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
    if (overHttps) c.header('Strict-Transport-Security', hsts)
  }
}
