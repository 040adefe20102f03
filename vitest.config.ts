import { defineConfig } from 'vitest/config'

/** Files that prove what one process never loads or does: they keep a module graph of their own. */
const needsOwnProcess = ['test/export/render-pool.test.ts']

export default defineConfig({
  test: {
    setupFiles: ['test/helpers/fresh-connections.ts'],
    // Probes PostgreSQL and Redis once per run (tests read the answer through test/helpers/services.ts),
    // and compiles the server once for every test that starts it as a process.
    globalSetup: ['test/helpers/services-setup.ts', 'test/helpers/server-build-setup.ts'],
    // Deadlines, not expectations of speed: this shared 2-core machine's speed varies 2× within an hour, and the
    // longest stories (four browsers, five kill -9 restarts) take 30–50 s when it is quiet.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores, three files at a time: browser tests spend most of their time waiting on the browser.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        // Every other file cleans up after itself (no module-level state on the server), so a worker
        // imports the server, Yjs and the renderers once instead of once per file.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: needsOwnProcess, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: needsOwnProcess } },
    ],
  },
})
