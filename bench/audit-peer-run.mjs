// One process auditing every YAML file of a directory, each file as its own deployment: the aegis
// side of the corpus throughput comparison (Spectral lints a glob in one process too), so both
// figures include process start, file reading and YAML parsing.
// Usage: node bench/audit-peer-run.mjs <dir> → JSON [{ file, findings: [{ ruleId, key }] }]
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadDeployment } from '../packages/aegis/dist/config/index.js'
import { audit } from '../packages/aegis/dist/engine/audit.js'
import { getProfile } from '../packages/aegis/dist/profiles/index.js'

const dir = process.argv[2]
if (dir === undefined) throw new Error('usage: node bench/audit-peer-run.mjs <dir>')
const profile = getProfile('baseline')
const out = []
for (const name of readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()) {
  const file = join(dir, name)
  const loaded = await loadDeployment([file])
  const { findings } = audit(loaded.view, profile, [file])
  out.push({ file, findings: findings.map((f) => ({ ruleId: f.ruleId, key: f.key })) })
}
process.stdout.write(JSON.stringify(out))
