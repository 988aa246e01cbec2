// Audit speed (issue 3): the engine alone over already-merged views (target > 2,000 configs/s),
// and one config through the CLI with process start (target < 300 ms). Runs the built package:
// `npm run build && node bench/audit.mjs`. Reads the bundled examples only.
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'

const root = new URL('..', import.meta.url).pathname
const dist = `${root}packages/aegis/dist/`
const { loadDeployment } = await import(`${dist}config/index.js`)
const { evaluate } = await import(`${dist}engine/run-rules.js`)
const { getProfile } = await import(`${dist}profiles/index.js`)

const views = []
for (const name of ['insecure', 'hardened']) {
  const loaded = await loadDeployment([`examples/${name}/docker-compose.yml`], { cwd: root })
  views.push(loaded.view)
}
const profile = getProfile('baseline')
for (let i = 0; i < 200; i++) evaluate(views[i % 2], profile) // warm-up
const runs = 5000
const started = performance.now()
const cpu = process.cpuUsage()
for (let i = 0; i < runs; i++) evaluate(views[i % 2], profile)
const perSecond = Math.round(runs / ((performance.now() - started) / 1000))
// CPU time as well: on a shared machine wall time measures the neighbours.
const used = process.cpuUsage(cpu)
const perCpuSecond = Math.round(runs / ((used.user + used.system) / 1e6))

const times = []
for (let i = 0; i < 7; i++) {
  const t = performance.now()
  const r = spawnSync(
    process.execPath,
    [
      `${root}packages/aegis/bin/aegis.js`,
      'audit',
      'examples/hardened/kratos/kratos.yml',
      '--format',
      'json',
    ],
    { cwd: root, encoding: 'utf8' },
  )
  if (r.status === 2) throw new Error(r.stderr)
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
const median = Math.round(times[3])

console.log(
  `engine: ${perSecond} configs/s wall, ${perCpuSecond} per CPU second (target > 2000)  ${perSecond > 2000 ? 'ok' : 'MISSED'}`,
)
console.log(
  `cli, one config, process start included: median ${median} ms of 7 (target < 300)  ${median < 300 ? 'ok' : 'MISSED'}`,
)
