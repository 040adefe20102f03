// Crash test on SQLite; the cases live in crash-suite.ts, one file per backend so both run in parallel.
import { describeOnBackend } from '../helpers/services'
import { crashSuite } from './crash-suite'

describeOnBackend('sqlite', 'crash test', crashSuite)
