// The folders of each layer depend on each other one way only: a cycle (record ↔ versions, say) means
// neither can be read, moved or tested without the other.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
/** The layers whose sub-folders must not import each other in a circle; files directly in them are shared by all. */
const layers = ['server', 'client/src', 'shared']
const relativeImport = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) ? [full] : []
  })
}

/** Folder → the sibling folders (anywhere under the same layer, the layer itself left out) it imports from, with one file as witness. */
function folderImports(layer: string): Map<string, Map<string, string>> {
  const layerDir = path.join(root, layer)
  const edges = new Map<string, Map<string, string>>()
  for (const file of sourceFiles(layerDir)) {
    const from = path.dirname(file)
    if (from === layerDir) continue
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(relativeImport)) {
      const target = path.resolve(from, specifier!)
      const to = fs.existsSync(target) && fs.statSync(target).isDirectory() ? target : path.dirname(target)
      if (to === from || to === layerDir || !to.startsWith(layerDir + path.sep)) continue
      const targets = edges.get(from) ?? new Map<string, string>()
      targets.set(to, path.relative(root, file))
      edges.set(from, targets)
    }
  }
  return edges
}

/** Every folder cycle, each as the path that closes it (folder → … → the same folder), with the importing files. */
function cycles(edges: Map<string, Map<string, string>>): string[] {
  const found: string[] = []
  const seen = new Set<string>()
  const walk = (folder: string, trail: string[], witnesses: string[]) => {
    const at = trail.indexOf(folder)
    if (at >= 0) {
      const loop = [...trail.slice(at), folder].map((f) => path.relative(root, f)).join(' → ')
      found.push(`${loop} (${witnesses.slice(at).join(', ')})`)
      return
    }
    if (seen.has(folder)) return
    for (const [next, witness] of edges.get(folder) ?? []) walk(next, [...trail, folder], [...witnesses, witness])
    seen.add(folder)
  }
  for (const folder of edges.keys()) walk(folder, [], [])
  return found
}

describe('folder dependencies', () => {
  for (const layer of layers) {
    it(`the folders under ${layer}/ import each other one way only`, () => {
      expect(cycles(folderImports(layer))).toEqual([])
    })
  }
})
