// Builds the Solid client from client/ into dist/client, which the server serves; in dev, proxies the API and sync socket.
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { precompress } from './scripts/precompress'

/** Where `npm run serve` listens by default (server/config.ts PORT). */
const apiServer = 'http://127.0.0.1:8787'

export default defineConfig({
  root: 'client',
  plugins: [solid(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/sync': { target: apiServer, ws: true },
    },
  },
})
