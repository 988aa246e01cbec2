// `npm run new:check <id> [-- --concern C --severity S]`: creates a probe check, its doc page,
// and registers it in probe/checks/index.ts (sorted). The check starts as `error` ("not written
// yet"), and checks.test.ts fails until it has a weakened case in its table: the scaffold is a
// start, never a finished unit.
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const root = new URL('..', import.meta.url).pathname
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { concern: { type: 'string' }, severity: { type: 'string' } },
})
const id = positionals[0] ?? ''
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) {
  console.error('usage: npm run new:check <kebab-case-id> [-- --concern C --severity S]')
  process.exit(2)
}
const dir = `${root}packages/aegis/src/probe/checks/`
const file = `${dir}${id}.ts`
const doc = `${root}docs/checks/${id}.md`
if (existsSync(file) || existsSync(doc)) {
  console.error(`${id} exists already`)
  process.exit(2)
}
const concern = values.concern ?? 'session-lifetime'
const severity = values.severity ?? 'medium'

writeFileSync(
  file,
  `import { defineCheck } from '../define-check.ts'

/** Why this check exists: the Kratos fact (FACTS.md §), standard or CWE it rests on. */
export default defineCheck({
  id: '${id}',
  meta: {
    title: 'TODO: what the check proves',
    description: 'TODO: what it sends and what it reads.',
    severity: '${severity}',
    concern: '${concern}',
    key: 'TODO.kratos.key',
    references: {},
    intrusive: false,
    requires: [],
  },
  run: () => Promise.resolve({ outcome: 'error', message: 'not written yet' }),
})
`,
)
writeFileSync(
  doc,
  `# ${id}\n\n**TODO title** · severity \`${severity}\` · concern \`${concern}\`\n\nTODO: what it proves.\n\n## Why\n\nTODO: the Kratos behaviour it rests on, citing Kratos' own source file (e.g. ory/kratos\nsession/manager_http.go), its docs, a standard or a CWE. Not the code comment's citation of the\nproject's private notes: readers do not have them (cite-public-sources.test.ts checks this page).\n\n## Running it\n\n## Outcomes\n\n## How to fix\n\n## References\n`,
)

// Registry: regenerated from the files, sorted by id.
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort()
const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase())
writeFileSync(
  `${dir}index.ts`,
  [
    '/** Every probe check, sorted by id. */',
    "import type { Check } from '../types.ts'",
    ...ids.map((i) => `import ${camel(i)} from './${i}.ts'`),
    '',
    'export const checks: readonly Check[] = [',
    ...ids.map((i) => `  ${camel(i)},`),
    ']',
    '',
  ].join('\n'),
)
console.log(`created ${file}\ncreated ${doc}\nregistered ${id} in probe/checks/index.ts`)
console.log('next: write run(), add a weakened case to checks/checks.test.ts, fill in the doc page')
