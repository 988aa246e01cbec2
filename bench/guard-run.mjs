// The guard benchmark alone, repeated (`node bench/guard-run.mjs`, after `npm run build`): on a
// shared machine one run's ratios are noise, so this prints every run, the median ratios and the
// load average around each run. BENCH_REPEAT (default 3), plus bench/guard.mjs' variables.
import { loadavg } from 'node:os'
import { benchGuard } from './guard.mjs'
import { median } from './lib.mjs'

const repeat = Number(process.env.BENCH_REPEAT ?? 3)
const f0 = (n) => Math.round(n).toLocaleString('en-US')
const f1 = (n) => n.toFixed(1)

const runs = []
for (let i = 0; i < repeat; i++) {
  const before = loadavg()[0]
  const g = await benchGuard()
  runs.push({ ...g, load: [before, loadavg()[0]] })
  process.stderr.write(`guard bench: run ${i + 1}/${repeat} done\n`)
}

for (const [i, g] of runs.entries()) {
  console.log(
    `\nRun ${i + 1}: load ${f1(g.load[0])} → ${f1(g.load[1])}, ${g.connections} connections, compared rows in ${g.rounds} turns of ${g.slice} s, others ${g.seconds} s, after ${g.warmUp} s of warm-up, each app in a process of its own`,
  )
  console.log(
    '| framework | variant | requests/s | p99 (ms) | app CPU µs/req | Kratos CPU µs/req | bad |',
  )
  console.log('|---|---|---:|---:|---:|---:|---:|')
  for (const r of g.rows)
    console.log(
      `| ${r.framework} | ${r.variant} | ${f0(r.rps)} | ${r.p99} | ${f1(r.appCpu)} | ${f1(r.kratosCpu)} | ${r.bad} |`,
    )
}

const h = (pick) => median(runs.map((g) => pick(g)))
const pct = (r) => `${(r * 100).toFixed(0)} %`
console.log(`\nMedians over ${runs.length} runs:`)
console.log(
  `- keeps ${pct(h((g) => g.headline.expressKeep))} of bare Express, ${pct(h((g) => g.headline.fastifyKeep))} of Fastify, ${pct(h((g) => g.headline.honoKeep))} of Hono (${pct(h((g) => g.headline.honoHandlerKeep))} as a handler wrapper)`,
)
console.log(
  `- app CPU added per request: Express ${f1(h((g) => g.headline.addedCpu.express))} µs, Fastify ${f1(h((g) => g.headline.addedCpu.fastify))} µs, Hono ${f1(h((g) => g.headline.addedCpu.hono))} µs (${f1(h((g) => g.headline.addedCpu.honoHandler))} µs as a handler wrapper)`,
)
console.log(
  `- against whoami per request: Express ${f1(h((g) => g.headline.vsWhoami))}×, Fastify ${f1(h((g) => g.headline.vsWhoamiFastify))}×, Hono ${f1(h((g) => g.headline.vsWhoamiHono))}×`,
)
console.log(
  `- a guard that cost nothing (bare ÷ whoami per request): Express ${f1(h((g) => g.headline.ceilingVsWhoami.express))}×, Fastify ${f1(h((g) => g.headline.ceilingVsWhoami.fastify))}×, Hono ${f1(h((g) => g.headline.ceilingVsWhoami.hono))}×`,
)
console.log(
  `- CPU per cache hit in-process: ${h((g) => g.cpuMicros).toFixed(2)} µs (async entry, Web Headers), ${h((g) => g.cpuMicrosDecide).toFixed(2)} µs (decide, Node header view)`,
)
