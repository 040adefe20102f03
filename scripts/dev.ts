// `npm run dev`: the server (restarted on change by tsx watch) and the Vite dev server with hot reload.
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { cwd: root, stdio: 'inherit' }),
]
const stopAll = () => children.forEach((child) => child.kill('SIGTERM'))
process.once('SIGINT', stopAll)
process.once('SIGTERM', stopAll)
for (const child of children) child.once('exit', stopAll)
