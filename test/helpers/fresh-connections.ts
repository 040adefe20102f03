// Every test request opens its own connection: tests restart servers on the same port, and a
// keep-alive connection pooled before a restart would carry the next request into a closed socket
// ("other side closed"). On loopback a new connection costs nothing worth saving.
import { Agent, setGlobalDispatcher } from 'undici'

setGlobalDispatcher(new Agent({ pipelining: 0 }))
