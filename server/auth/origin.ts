// The origin rule: whether a request comes from one of our own pages. REST (http/origin-check.ts) and the
// sync upgrade (sync/upgrade.ts) both decide with it, so neither layer imports the other.

export type OriginDecision = { ok: true } | { ok: false; error: string }

/** A request header by lower-case name: from a Hono context (REST) or a raw upgrade request (sync). */
export type HeaderOf = (name: string) => string | undefined

const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined
  try {
    const { origin } = new URL(url)
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

/**
 * Whether a request comes from one of our own pages (or from no browser at all). The same rule as Go's
 * net/http CrossOriginProtection, plus the trusted list and a Referer fallback:
 * 1. an origin in `allowedOrigins` (PUBLIC_BASE_URL, ALLOWED_ORIGINS) passes;
 * 2. `Sec-Fetch-Site` (every current browser) must be `same-origin` or `none` — `same-site` (a sibling
 *    sub-domain) and `cross-site` are refused;
 * 3. without it (older browsers), the Origin's host must be the Host the browser talked to — which an
 *    attacker's page cannot arrange — else, without Origin, the same for the Referer;
 * 4. no Sec-Fetch-Site, no Origin, no Referer: not a browser (curl, the tests, server-side scripts) —
 *    such a client sends no ambient cookie on someone else's behalf, so it passes.
 */
export function decideOrigin(header: HeaderOf, allowedOrigins: readonly string[]): OriginDecision {
  const originHeader = header('origin')
  const referer = header('referer')
  const claimed = originOf(originHeader ?? referer)
  if (claimed && allowedOrigins.includes(claimed)) return { ok: true }
  const fetchSite = header('sec-fetch-site')
  if (fetchSite !== undefined) {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return { ok: true }
    return { ok: false, error: `cross-origin request refused (sec-fetch-site: ${fetchSite})` }
  }
  if (originHeader === undefined && referer === undefined) return { ok: true }
  const host = header('host')
  if (claimed && host && new URL(claimed).host === host.toLowerCase()) return { ok: true }
  return { ok: false, error: `cross-origin request refused (origin: ${originHeader ?? claimed ?? 'unknown'})` }
}
