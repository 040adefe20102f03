// The environment `npm start` gives the server on top of the caller's (the variables before `node` in
// package.json's start script), so that the bench measures our server as it is started.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

export function startScriptEnv(): Record<string, string> {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const serverCommand = scripts.start.split('&&').at(-1)!.trim()
  const assignments = serverCommand.slice(0, serverCommand.indexOf('node ')).trim()
  return Object.fromEntries(assignments ? assignments.split(/\s+/).map((pair) => pair.split('=', 2) as [string, string]) : [])
}
