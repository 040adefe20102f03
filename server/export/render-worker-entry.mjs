// Worker thread bootstrap: the server runs TypeScript through tsx, whose loader a new thread lacks.
import { register } from 'tsx/esm/api'

register()
await import('./render-worker.ts')
