// Entry point: reads the configuration, starts the server and stops it cleanly on SIGINT/SIGTERM.
import { DatabaseOpenError } from '../db/client'
import { ConfigError, loadConfig } from './config'

/** Exit codes a service manager can tell apart. */
const exitCode = { failure: 1, badConfiguration: 2, storage: 3 }
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
  if (error instanceof DatabaseOpenError) {
    process.stderr.write('mitzeichnung: restore the database from a backup, or move it away to start empty.\n')
    process.exit(exitCode.storage)
  }
  process.exit(error instanceof ConfigError ? exitCode.badConfiguration : exitCode.failure)
})
