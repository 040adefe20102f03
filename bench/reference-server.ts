// The reference: @y/websocket-server's own connection handler on a bare http + ws server, in
// memory (YPERSISTENCE unset), as its bundled server.js sets it up. Run as a child process.
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

if (process.env.YPERSISTENCE) throw new Error('the reference runs in memory: unset YPERSISTENCE')

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 1234)

const wss = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' })
  response.end('okay')
})

wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})

server.listen(port, host, () => process.stderr.write(`reference listening on ${host}:${port}\n`))

const stop = () => {
  for (const client of wss.clients) client.terminate()
  server.close(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
