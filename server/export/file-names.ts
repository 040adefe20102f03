// File names and media types of the exports: `GRDrs-949-2019_Fassung-3.docx`, ASCII only.
export const mediaTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
} as const
export type ExportFormat = keyof typeof mediaTypes

const transliterations: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' }

/** Letters, digits and dashes only: safe in any file system and in a header without encoding. */
export function fileSafe(text: string, maxLength = 60): string {
  return text
    .replace(/[äöüÄÖÜß]/g, (c) => transliterations[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}

/** `GRDrs-949-2019_Fassung-3`, `Integrationsmanagement-und-…_Entwurf`. */
export function exportBaseName(input: { number: string; title: string; versionNumber: number | null; draft: boolean }): string {
  const paper = input.number ? `GRDrs-${fileSafe(input.number)}` : fileSafe(input.title, 50) || 'Vorlage'
  const state = input.versionNumber !== null ? `Fassung-${input.versionNumber}` : input.draft ? 'Entwurf' : 'freigegeben'
  return `${paper}_${state}`
}

/** An attachment header that every browser reads, with the UTF-8 form beside the ASCII one. */
export const contentDisposition = (fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string =>
  `${disposition}; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
