// Renders on the calling thread: for tests and benchmarks only. The server renders in the worker pool
// and never here, so a hostile paper can only ever exhaust a worker.
import { renderDocx } from './docx'
import { renderPdf } from './pdf'
import type { Renderer } from './render-pool'

export const renderInThread: Renderer = (format, paper, stamp) => (format === 'pdf' ? renderPdf(paper, stamp) : renderDocx(paper, stamp))
