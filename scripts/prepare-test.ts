// Before the tests: type-check and build the client side by side (each mostly one core), failing if either fails.
import { spawn } from 'node:child_process'

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' })
    child.on('error', () => resolve(1))
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

const [typecheck, clientBuild] = await Promise.all([run('npx', ['tsc', '--noEmit']), run('npx', ['vite', 'build', '--logLevel', 'warn'])])
if (typecheck !== 0) console.error('type check failed')
if (clientBuild !== 0) console.error('client build failed')
process.exit(typecheck === 0 && clientBuild === 0 ? 0 : 1)
