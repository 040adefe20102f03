// Makes a packed DOCX a function of its content: docx stamps the current time into the core properties
// and the zip entries and gives links random relationship ids; checksums need the same bytes each time.
import { unzipSync, zipSync, type Zippable } from 'fflate'

const documentRels = 'word/_rels/document.xml.rels'
const documentXml = 'word/document.xml'
const coreXml = 'docProps/core.xml'

const w3cdtf = (stamp: Date) => `${stamp.toISOString().slice(0, 19)}Z`

function replaceTimestamps(core: string, stamp: Date): string {
  return core.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${w3cdtf(stamp)}$3`)
}

/** docx's random ids (21 characters) become rIdLink1, rIdLink2, … in document order. */
function renumberRandomIds(files: Record<string, Uint8Array>): void {
  const rels = files[documentRels]
  const body = files[documentXml]
  if (!rels || !body) return
  let relsText = new TextDecoder().decode(rels)
  let bodyText = new TextDecoder().decode(body)
  const randomIds = [...relsText.matchAll(/Id="(rId[a-z0-9_-]{21})"/g)].map((m) => m[1]!)
  randomIds.forEach((id, i) => {
    relsText = relsText.replaceAll(`"${id}"`, `"rIdLink${i + 1}"`)
    bodyText = bodyText.replaceAll(`"${id}"`, `"rIdLink${i + 1}"`)
  })
  files[documentRels] = new TextEncoder().encode(relsText)
  files[documentXml] = new TextEncoder().encode(bodyText)
}

export function makeDocxDeterministic(docx: Uint8Array, stamp: Date): Uint8Array {
  const files = unzipSync(docx)
  const core = files[coreXml]
  if (core) files[coreXml] = new TextEncoder().encode(replaceTimestamps(new TextDecoder().decode(core), stamp))
  renumberRandomIds(files)
  // Zip times have a 2-second grain from 1980 on; the stamp is fixed, so are the bytes.
  const zippable: Zippable = {}
  for (const [name, data] of Object.entries(files)) zippable[name] = [data, { mtime: stamp }]
  return zipSync(zippable, { level: 6 })
}
