// The engine over the audit bench's corpus for N passes (`node bench/audit-passes.mjs N`), for
// instruction counts: bench/audit-instructions.sh runs it under callgrind with N and 2N passes,
// so the difference is N warm passes, free of start-up and compilation of the first pass.
import { viewFromObject } from '../packages/aegis/dist/config/index.js'
import { audit } from '../packages/aegis/dist/engine/audit.js'
import { getProfile } from '../packages/aegis/dist/profiles/index.js'
import { corpus } from './audit.mjs'

const passes = Number(process.argv[2] ?? 1)
const profile = getProfile('baseline')
const items = corpus(300)
let findings = 0
for (let p = 0; p < passes; p++)
  for (const { config } of items)
    findings += audit(viewFromObject(config), profile, ['g']).findings.length
process.stdout.write(`${findings}\n`)
