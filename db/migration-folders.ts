// Where the committed migrations live: found from the project root, so that the same lookup works
// from db/ under tsx and from the bundled server in dist/server.
import fs from 'node:fs'
import path from 'node:path'

function projectRoot(): string {
  let dir = import.meta.dirname
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${import.meta.dirname}: the migrations cannot be found`)
    dir = parent
  }
  return dir
}

const root = projectRoot()
export const sqliteMigrationsFolder = path.join(root, 'db/migrations')
export const postgresMigrationsFolder = path.join(root, 'db/migrations-pg')
