// A private redis-server on a free loopback port, without persistence, that a test may stop and start
// again on the same port (never the system Redis).
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { killWithTestProcess } from './child-processes'
import { freePort } from './server-process'
import { waitFor } from './wait'

export type RedisProcess = {
  url: string
  port: number
  /** SIGKILL: every connection drops at once, nothing is kept. */
  kill(): Promise<void>
  /** Starts it again on the same port. */
  start(): Promise<void>
  /** Runs one command (e.g. CLIENT KILL) over a plain connection and resolves with the raw answer. */
  command(...args: string[]): Promise<string>
}

export async function startRedisProcess(): Promise<RedisProcess> {
  const port = await freePort()
  let child: ChildProcess | undefined

  const command = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1')
      let answer = ''
      socket.once('error', reject)
      socket.on('data', (chunk) => {
        answer += chunk
        if (answer.endsWith('\r\n')) socket.end()
      })
      socket.once('close', () => resolve(answer))
      socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`)
    })

  const start = async () => {
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
    child = proc
    killWithTestProcess(proc)
    await waitFor(async () => (await command('PING')).startsWith('+PONG'), { timeoutMs: 20_000, intervalMs: 25, what: 'redis start' })
  }

  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    command,
    start,
    async kill() {
      const proc = child!
      if (proc.exitCode !== null || proc.signalCode !== null) return
      const exited = new Promise((resolve) => proc.once('exit', resolve))
      proc.kill('SIGKILL')
      await exited
    },
  }
}
