import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/fresh-connections.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: each test file starts its own servers (and browsers).
    maxWorkers: 2,
  },
})
