// Zod probes `new Function` to speed up object parsing; our CSP forbids eval, so the probe would only raise violation reports.
import { config } from 'zod/mini'

config({ jitless: true })
