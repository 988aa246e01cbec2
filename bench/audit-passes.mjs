// The engine over the audit bench's corpus for N passes (`node bench/audit-passes.mjs N`), for
// instruction counts: bench/audit-instructions.sh runs it under callgrind with N and 2N passes,
// so the difference is N warm passes, free of start-up and compilation of the first pass.
import { auditPass, corpus } from './audit.mjs'

const passes = Number(process.argv[2] ?? 1)
const items = corpus(300)
let findings = 0
for (let p = 0; p < passes; p++) findings += auditPass(items)
process.stdout.write(`${findings}\n`)
