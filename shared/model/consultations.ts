// The Beratungsfolge: which committees see the proposal, why, in which session.
import { z } from 'zod/mini'
import { booleanSchema, enumSchema, optionalIsoDateSchema, textSchema } from './fields'
import { readBoolean, readChoice, readString, readText } from './doc'
import { definePart, type Item } from './part'

/** Beschlussfassung, Kenntnisnahme, and Vorberatung (a committee that advises the deciding body). */
export const consultationPurposes = ['decision', 'information', 'preliminary'] as const
export type ConsultationPurpose = (typeof consultationPurposes)[number]

export const consultationSchema = z.object({
  committee: textSchema(200),
  purpose: enumSchema(consultationPurposes),
  public: booleanSchema,
  /** ISO date of the session, or '' while not scheduled. */
  sessionDate: optionalIsoDateSchema,
})

export type ConsultationFields = z.infer<typeof consultationSchema>
export type Consultation = Item<ConsultationFields>

const consultations = definePart<ConsultationFields>({
  name: 'consultations',
  schema: consultationSchema,
  defaults: () => ({ committee: '', purpose: 'decision', public: true, sessionDate: '' }),
  textFields: ['committee'],
  read: (item) => ({
    committee: readText(item, 'committee'),
    purpose: readChoice(item, 'purpose', consultationPurposes, 'decision'),
    public: readBoolean(item, 'public', true),
    sessionDate: readString(item, 'sessionDate'),
  }),
})

export const listConsultations = consultations.list
export const getConsultation = consultations.get
export const validateConsultation = consultations.validate
export const addConsultation = consultations.add
export const updateConsultation = consultations.update
export const removeConsultation = consultations.remove
export const moveConsultation = consultations.move
export const consultationText = consultations.text
export const consultationTextFields = consultations.textFields
