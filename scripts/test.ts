// `npm test`: the client build, then every test while the type check runs beside them. The check uses one core
// for half a minute; waiting for it before the tests left the other core idle. Fails if any of the three fails.
import { spawn } from 'node:child_process'

type Outcome = { code: number; output: string }

/** Runs a command; `quiet` keeps its output to print later, so it does not cut through the tests' report. */
function run(command: string, args: string[], quiet = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => resolve({ code: 1, output: String(error) }))
    // 'close', not 'exit': only then has all of the output arrived.
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), output }))
  })
}

async function reportTypecheck(): Promise<boolean> {
  const types = await typecheck
  if (types.code !== 0) console.error(`type check failed:\n${types.output}`)
  else console.log('type check passed')
  return types.code === 0
}

const typecheck = run('npx', ['tsc', '--noEmit'], true)
const clientBuild = await run('npx', ['vite', 'build', '--logLevel', 'warn'])
if (clientBuild.code !== 0) {
  console.error('client build failed')
  await reportTypecheck()
  process.exit(1)
}
// Arguments after `npm test --` choose test files or options, as with `vitest run`.
const tests = await run('npx', ['vitest', 'run', ...process.argv.slice(2)])
const typesPassed = await reportTypecheck()
process.exit(tests.code === 0 && typesPassed ? 0 : 1)
