// `npm run new:rule <id> [-- --concern C --severity S]`: creates the rule, its test and its doc
// page from templates, and registers the rule in rules/index.ts (sorted). The generated test
// fails until the rule is written: the scaffold is a start, never a finished unit.
// `--root DIR` works on another checkout (used by the scaffold's own test).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'

const concerns = [
  'session-lifetime',
  'cookie-persistence',
  'inactivity',
  'flow-lifetime',
  'reauthentication',
  'mfa',
  'cookie-samesite',
  'cookie-scope',
  'cookie-prefix',
  'cookie-secure',
  'transport',
  'dev-mode',
  'secrets',
  'secret-rotation',
  'storage',
  'encryption-at-rest',
  'cors',
  'return-urls',
  'logging',
  'validity',
]
const severities = ['critical', 'high', 'medium', 'low', 'info']

const fail = (message) => {
  process.stderr.write(`new-unit: ${message}\n`)
  process.exit(2)
}

const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase())

const ruleSource = ({
  id,
  concern,
  severity,
}) => `import { defineRule } from '../engine/define-rule.ts'

/** Why this matters in Kratos: cite FACTS.md §, a CWE or a standard. */
export default defineRule({
  id: '${id}',
  meta: {
    title: 'TODO: subject first, verdict last',
    severity: '${severity}',
    concern: '${concern}',
    // Every standard answers: ids as STANDARDS.md writes them here, or a reason in unmapped
    // (rules/references.test.ts and docs.test.ts check both, and the doc page's list).
    references: { cwe: ['CWE-0'] },
    unmapped: {
      asvs4: 'TODO: the ASVS 4.0.3 id, or why none applies',
      asvs5: 'TODO: the ASVS 5.0 id, or why none applies',
      nist: 'TODO: the SP 800-63B section, or why none applies',
      pci: 'TODO: the PCI DSS requirement, or why none applies',
      wstg: 'TODO: the WSTG test, or why none applies',
    },
    messages: {
      found: 'TODO: what happens, and what to do. Never put a secret value into data.',
    },
  },
  // TODO: ({ view, profile }) => reports; view.get/has/origin/isExternal, profile.limits.
  check: () => [],
})
`

const ruleTest = ({ id }) => `import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './${id}.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('${id}', () => {
  it('reports the insecure configuration', () => {
    // TODO: the smallest configuration that shows the weakness.
    const [f] = run({})
    expect(f?.key).toBe('TODO.key')
  })

  it('accepts the secure configuration', () => {
    expect(run({})).toEqual([])
  })
})
`

const ruleDoc = ({ id, concern, severity }) => `# ${id}

TODO: the rule's title.

| | |
|---|---|
| Concern | \`${concern}\` |
| Default severity | \`${severity}\` (profiles may override it) |
| Kratos keys | \`TODO.key\` |
| Fix | none |

## What it checks

TODO

## Why it matters

TODO: what Kratos really does (cite its source file, e.g. ory/kratos session/manager_http.go),
and the consequence.

## Insecure example

\`\`\`yaml
# TODO: must trigger the rule (docs.test.ts runs it)
\`\`\`

## Secure example

\`\`\`yaml
# TODO: must not trigger the rule
\`\`\`

## References

- OWASP ASVS 4.0.3: none — TODO
- OWASP ASVS 5.0: none — TODO
- NIST: none — TODO
- PCI DSS v4.0.1: none — TODO
- CWE: CWE-0
- OWASP WSTG: none — TODO
`

/** Rewrites rules/index.ts with the new rule in id order, imports and array alike. */
const register = (indexFile, id) => {
  const text = readFileSync(indexFile, 'utf8')
  const ids = [...text.matchAll(/^import \w+ from '\.\/([a-z0-9-]+)\.ts'$/gm)].map((m) => m[1])
  if (ids.includes(id)) fail(`${id} is already registered`)
  const all = [...ids, id].sort()
  const header = text.slice(0, text.search(/^import \w+ from '\.\//m))
  const imports = all.map((r) => `import ${camel(r)} from './${r}.ts'`).join('\n')
  const list = all.map((r) => `  ${camel(r)},`).join('\n')
  writeFileSync(
    indexFile,
    `${header}${imports}\n\nexport const rules: readonly Rule[] = [\n${list}\n]\n`,
  )
}

const kinds = {
  rule: (root, options) => {
    const dir = join(root, 'packages/aegis/src/rules')
    const files = {
      [join(dir, `${options.id}.ts`)]: ruleSource(options),
      [join(dir, `${options.id}.test.ts`)]: ruleTest(options),
      [join(root, 'docs/rules', `${options.id}.md`)]: ruleDoc(options),
    }
    for (const file of Object.keys(files)) if (existsSync(file)) fail(`${file} already exists`)
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, text)
    }
    register(join(dir, 'index.ts'), options.id)
    return Object.keys(files)
  },
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    concern: { type: 'string', default: 'session-lifetime' },
    severity: { type: 'string', default: 'medium' },
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
  },
})
const [kind, id] = positionals
if (kind === undefined || kinds[kind] === undefined) {
  fail(`unknown kind '${kind ?? ''}' (known: ${Object.keys(kinds).join(', ')})`)
}
if (id === undefined || !/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) {
  fail('give a kebab-case id, subject first and verdict last, e.g. session-cookie-same-site-none')
}
if (!concerns.includes(values.concern)) fail(`unknown concern '${values.concern}'`)
if (!severities.includes(values.severity)) fail(`unknown severity '${values.severity}'`)
const created = kinds[kind](values.root, { id, concern: values.concern, severity: values.severity })
process.stdout.write(
  `created:\n${created.map((f) => `  ${f}`).join('\n')}\nregistered in packages/aegis/src/rules/index.ts\n` +
    'next: write the test, then the rule, then the doc examples; npx vitest run packages/aegis/src/rules\n',
)
