// Anlagen: the numbered list of documents attached to the proposal.
import { z } from 'zod/mini'
import { textSchema } from './fields'
import { readText } from './doc'
import { definePart, type Item } from './part'

export const attachmentSchema = z.object({ title: textSchema(300) })
export type AttachmentFields = z.infer<typeof attachmentSchema>
export type Attachment = Item<AttachmentFields>

const attachments = definePart<AttachmentFields>({
  name: 'attachments',
  schema: attachmentSchema,
  defaults: () => ({ title: '' }),
  textFields: ['title'],
  read: (item) => ({ title: readText(item, 'title') }),
})

export const listAttachments = attachments.list
export const getAttachment = attachments.get
export const validateAttachment = attachments.validate
export const addAttachment = attachments.add
export const updateAttachment = attachments.update
export const removeAttachment = attachments.remove
export const moveAttachment = attachments.move
export const attachmentText = attachments.text
export const attachmentTextFields = attachments.textFields
