// Compiles the server and its command-line tools into plain JavaScript (dist/server): `npm start`
// and the tests that start real processes run them on bare Node, without tsx compiling TypeScript
// at every start (≈ 1 s and ≈ 55 MB resident per process).
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')

/** The programs the build holds, by the file name (`<name>.mjs`) they get. */
export const serverEntries = {
  main: 'server/main.ts',
  // render-pool.ts starts its worker threads from this file beside it.
  'render-worker-entry': 'server/export/render-worker.ts',
  user: 'scripts/user.ts',
  'migrate-to-postgres': 'scripts/migrate-to-postgres.ts',
} as const

export type ServerEntry = keyof typeof serverEntries

/** Bundles our own code; packages stay imports from node_modules, so `outDir` must lie inside the project. */
export async function buildServer(outDir = path.join(root, 'dist/server')): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(Object.entries(serverEntries).map(([name, file]) => [name, path.join(root, file)])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Shared code and lazily imported parts (export renderers, mail) become chunks loaded when first needed.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
}

if (import.meta.filename === process.argv[1]) await buildServer()
