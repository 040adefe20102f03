// Proposed positions (Stellen) and time-limited authorizations (Ermächtigungen).
import type * as Y from 'yjs'
import { z } from 'zod/mini'
import { departmentIdSchema } from '../departments'
import { booleanSchema, enumSchema, optionalIsoDateSchema, textSchema } from './fields'
import { readBoolean, readChoice, readNullableNumber, readNumber, readString, readText } from './doc'
import { definePart, type Item } from './part'

export const positionKinds = ['permanent', 'authorization'] as const
export type PositionKind = (typeof positionKinds)[number]

export const positionSchema = z
  .object({
    department: departmentIdSchema,
    /** VZK share of this row: 0 (a row still being filled in) to 1; several rows make more. */
    fte: z.number({ error: 'not_a_number' }).check(z.minimum(0, { error: 'fte_negative' }), z.maximum(1, { error: 'fte_above_one' })),
    /** `EG 10 TVöD`, `A 13`, … */
    payGrade: textSchema(40),
    function: textSchema(500),
    kind: enumSchema(positionKinds),
    /** End of an authorization; ignored for permanent positions but kept, so switching back restores it. */
    until: optionalIsoDateSchema,
    /** "kann unbefristet ausgeschrieben werden". */
    advertiseUnlimited: booleanSchema,
    /** EUR per year, or null while not yet costed. */
    annualCost: z.nullable(z.number({ error: 'not_a_number' }).check(z.minimum(0, { error: 'cost_negative' }), z.maximum(1e9, { error: 'amount_too_large' }))),
    note: textSchema(2000),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.kind === 'authorization' && p.until === '') ctx.addIssue({ code: 'custom', path: ['until'], message: 'until_required' })
    }),
  )

export type PositionFields = z.infer<typeof positionSchema>
export type Position = Item<PositionFields>
export type PositionInput = Pick<PositionFields, 'department'> & Partial<PositionFields>

const positionDefaults = (): PositionFields => ({
  department: '',
  fte: 1,
  payGrade: '',
  function: '',
  kind: 'permanent',
  until: '',
  advertiseUnlimited: false,
  annualCost: null,
  note: '',
})

const positions = definePart<PositionFields>({
  name: 'positions',
  schema: positionSchema,
  defaults: positionDefaults,
  related: { until: ['kind'] },
  textFields: ['payGrade', 'function', 'note'],
  read: (item) => ({
    department: readString(item, 'department'),
    fte: readNumber(item, 'fte'),
    payGrade: readText(item, 'payGrade'),
    function: readText(item, 'function'),
    kind: readChoice(item, 'kind', positionKinds, 'permanent'),
    until: readString(item, 'until'),
    advertiseUnlimited: readBoolean(item, 'advertiseUnlimited'),
    annualCost: readNullableNumber(item, 'annualCost'),
    note: readText(item, 'note'),
  }),
})

export const listPositions = positions.list
export const getPosition = positions.get
export const validatePosition = positions.validate
export const addPosition: (doc: Y.Doc, input: PositionInput, index?: number) => string = positions.add
export const updatePosition = positions.update
export const removePosition = positions.remove
export const movePosition = positions.move
export const positionText = positions.text
export const positionTextFields = positions.textFields
