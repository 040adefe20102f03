// A small levelled logger writing one JSON line per event to stderr.
import type { LogLevel } from './config'

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

/** Where log lines go: stderr in production; tests that run the server in-process capture them. */
export type LogSink = (line: string) => void

export function createLogger(level: LogLevel, sink: LogSink = (line) => process.stderr.write(line)): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (rank[at] < rank[level]) return
    const line: Record<string, unknown> = { time: new Date().toISOString(), level: at, msg }
    for (const [key, value] of Object.entries(fields)) {
      line[key] = value instanceof Error ? value.message : value
    }
    sink(JSON.stringify(line) + '\n')
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}
