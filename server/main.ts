// Entry point: reads the configuration, starts the server and stops it cleanly on SIGINT/SIGTERM.
import { loadConfig } from './config'
import { startServer } from './server'

async function main() {
  const config = loadConfig()
  const server = await startServer(config)
  const shutdown = (signal: string) => {
    server.log.info('shutting down', { signal })
    server.stop().then(
      () => process.exit(0),
      (error) => {
        server.log.error('shutdown failed', { error })
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((error) => {
  process.stderr.write(`mitzeichnung: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
