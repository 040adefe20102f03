// Worker thread entry: renders DOCX and PDF off the server's event loop, so a long export never
// stalls live editing for everyone else.
import { parentPort } from 'node:worker_threads'
import { renderDocx } from './docx'
import type { Paper } from './paper'
import { renderPdf } from './pdf'

export type RenderRequest = { id: number; format: 'docx' | 'pdf'; paper: Paper; stamp: string }
export type RenderResponse = { id: number; bytes: Uint8Array } | { id: number; error: string }

parentPort?.on('message', async (request: RenderRequest) => {
  const stamp = new Date(request.stamp)
  try {
    const bytes = request.format === 'pdf' ? await renderPdf(request.paper, stamp) : await renderDocx(request.paper, stamp)
    parentPort!.postMessage({ id: request.id, bytes } satisfies RenderResponse)
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderResponse)
  }
})
