// Decodes request bodies through zod (classic or mini schemas alike); a bad body becomes a 400 naming the field.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'

export async function readJson<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new HTTPException(400, { message: 'request body must be JSON' })
  }
  return parseWith(schema, body)
}

function parseWith<S extends z.core.$ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = z.safeParse(schema, body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.join('.')
    throw new HTTPException(400, { message: field ? `${field}: ${issue.message}` : issue.message })
  }
  return parsed.data
}

/** Like readJson, but an empty body reads as `{}`: for commands whose options are all optional. */
export async function readOptionalJson<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text()
  let body: unknown = {}
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      throw new HTTPException(400, { message: 'request body must be JSON' })
    }
  }
  return parseWith(schema, body)
}
