// Storage faults: a locked database or a full disk makes the server refuse writes with a clear
// error instead of acknowledging what it cannot store; clients keep their edits; when storage comes
// back everything syncs and nothing is lost. A damaged file stops the start with a clear exit.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createProposal, signIn } from '../helpers/clients'
import { runServerUntilExit, startServerProcess, tempDataDir } from '../helpers/server-process'
import { writesSurvive } from './writes-survive'

const databaseFile = (dataDir: string) => path.join(dataDir, 'mitzeichnung.sqlite')

function canMountTmpfs(): boolean {
  const probe = tempDataDir('probe')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    fs.rmSync(probe, { recursive: true, force: true })
  }
}

const mountable = canMountTmpfs()

describe('storage faults', () => {
  const cleanups: (() => void)[] = []
  afterAll(() => {
    for (const cleanup of cleanups.reverse()) cleanup()
  })

  it('a database locked by another process: writes are refused, then stored once the lock is gone', async () => {
    const server = await startServerProcess({ env: { STORE_RETRY_MS: '200', SQLITE_BUSY_TIMEOUT_MS: '100' } })
    cleanups.push(() => void server.stop())
    // Another process takes SQLite's write lock when told to, and holds it until told to let go.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         process.stdin.once('data', () => {
           db.exec('BEGIN EXCLUSIVE'); console.log('locked');
           process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0) })
         })`,
        databaseFile(server.dataDir),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    )
    cleanups.push(() => holder.kill('SIGKILL'))
    await writesSurvive(server, server, {
      start: () =>
        new Promise((resolve) => {
          holder.stdout!.once('data', () => resolve())
          holder.stdin!.write('lock\n')
        }),
      end: async () => {
        holder.stdin!.write('release\n')
        await new Promise((resolve) => holder.once('exit', resolve))
      },
      error: /locked|busy/i,
    })
    await server.stop()
  })

  it.skipIf(!mountable)('a full disk: writes are refused, then stored once there is room again', async () => {
    const dataDir = tempDataDir('full')
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dataDir])
    cleanups.push(() => execFileSync('umount', ['-l', dataDir]))
    const server = await startServerProcess({ dataDir, env: { STORE_RETRY_MS: '200' } })
    cleanups.push(() => void server.stop())
    const filler = path.join(dataDir, 'filler')
    await writesSurvive(server, server, {
      start: async () => {
        const fd = fs.openSync(filler, 'w')
        try {
          // Bounded: a 4 MiB disk takes at most 64 chunks of 64 KiB.
          for (let i = 0; i < 128; i++) fs.writeSync(fd, Buffer.alloc(64 * 1024))
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        } finally {
          fs.closeSync(fd)
        }
      },
      end: async () => fs.rmSync(filler),
      error: /full|disk/i,
      // SQLite writes over the space of WAL frames a checkpoint already copied, so a small edit can still be
      // stored on a full disk (and then rightly acknowledged). An edit larger than the whole WAL needs new room.
      bulk: () => {
        const walBytes = fs.statSync(`${databaseFile(dataDir)}-wal`).size
        expect(walBytes).toBeLessThan(2 * 1024 * 1024)
        return walBytes + 1024 * 1024
      },
    })
    await server.stop()
  })

  it('a damaged database file stops the start with a clear message and exit code 3', async () => {
    // SEED_DEMO none: a server that starts on a damaged file is the failure looked for, and is killed at the deadline.
    const runOn = (dataDir: string) => runServerUntilExit(dataDir, { SEED_DEMO: 'none' }, 15_000)
    // Not a database at all.
    const garbage = tempDataDir('garbage')
    fs.writeFileSync(databaseFile(garbage), Buffer.alloc(8192, 0x5a))
    const notADatabase = await runOn(garbage)
    expect(notADatabase.code).toBe(3)
    expect(notADatabase.stderr).toMatch(/Cannot open the database .*mitzeichnung\.sqlite: .*not a database/)

    // A real database with a damaged page in the middle.
    const server = await startServerProcess()
    const cookie = await signIn(server.url, 'sozialamt.editor')
    for (let i = 0; i < 30; i++) await createProposal(server.url, cookie, `Vorlage ${i} ${'x'.repeat(200)}`)
    await server.stop()
    // Overwrite the b-tree pages after the schema page: the tables' structure is gone.
    const file = databaseFile(server.dataDir)
    const pageSize = fs.readFileSync(file).readUInt16BE(16)
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(pageSize * 3, 0xff), 0, pageSize * 3, pageSize)
    fs.closeSync(fd)
    const damaged = await runOn(server.dataDir)
    expect(damaged.code).toBe(3)
    expect(damaged.stderr).toMatch(/damaged|malformed/)
    expect(damaged.stderr).toContain('restore the database from a backup')
  })
})
