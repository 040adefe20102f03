// The official OParl 1.1 schemas (test/fixtures/oparl-1.1) compiled with ajv 8: one validator per type.
import fs from 'node:fs'
import path from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

const schemaDir = path.resolve(import.meta.dirname, '../fixtures/oparl-1.1')
export const oparlTypes = ['System', 'Body', 'Organization', 'Meeting', 'Paper', 'Consultation', 'File'] as const
export type OparlType = (typeof oparlTypes)[number]

const typePrefix = 'https://schema.oparl.org/1.1/'

type Validator = (object: { type?: unknown }) => string[]
let compiled: Validator | undefined

/** The validator of every OParl type, compiled once per process (a compile takes a few hundred ms; the schemas never change). */
export function oparlValidators(): Validator {
  return (compiled ??= compileValidators())
}

function compileValidators(): Validator {
  // strict: false for the OParl annotations (references, cardinality, schema …); unicodeRegExp: false
  // for the patterns' escaped colons.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
  addFormats.default(ajv, ['date', 'date-time'])
  ajv.addFormat('url', {
    type: 'string',
    validate: (value: string) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol)
      } catch {
        return false
      }
    },
  })
  const validators = new Map<string, ValidateFunction>(
    oparlTypes.map((type) => [typePrefix + type, ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, `${type}.json`), 'utf8')))]),
  )
  /** Problems of one object against the schema of its `type`; an unknown type is a problem too. */
  return (object: { type?: unknown }): string[] => {
    const validate = typeof object.type === 'string' ? validators.get(object.type) : undefined
    if (!validate) return [`no schema for type ${String(object.type)}`]
    return validate(object) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)
  }
}

export const typeName = (type: string) => type.replace(typePrefix, '')
