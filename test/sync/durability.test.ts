// Durable persistence on SQLite; the cases live in durability-suite.ts, one file per backend so both run in parallel.
import { describeOnBackend } from '../helpers/services'
import { durabilitySuite } from './durability-suite'

describeOnBackend('sqlite', 'durable persistence', durabilitySuite)
