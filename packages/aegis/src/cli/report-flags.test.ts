import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { plantedSecrets, result, sources } from '../../../../test/fixtures/result.ts'
import { sarifErrors } from '../../../../test/fixtures/result-sarif.ts'
import type { CommandIO } from './command.ts'
import { parse } from './command.ts'
import { emitReport, exitCodeFor, reportFlags } from './report-flags.ts'

const makeIO = (cwd: string, env: Record<string, string> = {}, isTTY = false) => {
  const io = { out: '', err: '' }
  const commandIO: CommandIO = {
    stdout: (t) => (io.out += t),
    stderr: (t) => (io.err += t),
    isTTY,
    env,
    cwd,
  }
  return { io, commandIO }
}

const emit = async (
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  isTTY = false,
) => {
  const { io, commandIO } = makeIO(cwd, env, isTTY)
  const { values } = parse(args, reportFlags, 'usage')
  const code = await emitReport(result, {
    values,
    io: commandIO,
    sources,
    now: new Date('2026-06-01'),
  })
  return { code, ...io }
}

interface SarifLog {
  runs: { results: { ruleId: string }[] }[]
}

const tmp = () => mkdtemp(join(tmpdir(), 'aegis-emit-'))

describe('emitReport', () => {
  it('renders text by default and exits 1 on a high finding (default --fail-on high)', async () => {
    const r = await emit([], await tmp())
    expect(r.code).toBe(1)
    expect(r.out).toContain('6 findings')
    expect(r.out).not.toContain('\u001b[')
  })

  it('honours --fail-on: critical fails, none never fails', async () => {
    const dir = await tmp()
    expect((await emit(['--fail-on', 'critical'], dir)).code).toBe(1)
    expect((await emit(['--fail-on', 'none'], dir)).code).toBe(0)
    expect(
      exitCodeFor(
        result.findings.filter((f) => f.severity === 'low'),
        'medium',
      ),
    ).toBe(0)
    await expect(emit(['--fail-on', 'severe'], dir)).rejects.toThrow(/--fail-on must be one of/)
  })

  it('colours on a TTY unless NO_COLOR; FORCE_COLOR forces it', async () => {
    const dir = await tmp()
    expect((await emit([], dir, {}, true)).out).toContain('\u001b[')
    expect((await emit([], dir, { NO_COLOR: '1' }, true)).out).not.toContain('\u001b[')
    expect((await emit([], dir, { FORCE_COLOR: '1' }, false)).out).toContain('\u001b[')
  })

  it('writes json to --output and nothing to stdout', async () => {
    const dir = await tmp()
    const r = await emit(['--format', 'json', '--output', 'out/../report.json'], dir)
    expect(r.out).toBe('')
    const json = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))
    expect(json.summary.total).toBe(6)
  })

  it('writes a baseline, then reports only new findings and exits 0', async () => {
    const dir = await tmp()
    const first = await emit(['--update-baseline', '--format', 'json'], dir)
    expect(first.err).toContain('baseline written to aegis-baseline.json (6 findings)')
    expect(first.code).toBe(0)
    const again = await emit(['--baseline', 'aegis-baseline.json', '--format', 'json'], dir)
    expect(
      JSON.parse(again.out).findings.filter((f: { suppressed: unknown }) => f.suppressed === null),
    ).toEqual([])
    expect(again.code).toBe(0)
    const baseline = await readFile(join(dir, 'aegis-baseline.json'), 'utf8')
    for (const secret of plantedSecrets) expect(baseline).not.toContain(secret)
  })

  it('counts what the baseline hides in the summary, like suppressions (QA N14)', async () => {
    const dir = await tmp()
    await emit(['--update-baseline', '--format', 'json'], dir)
    const text = await emit(['--baseline', 'aegis-baseline.json'], dir)
    expect(text.out).toMatch(/no findings · 1 suppressed · 6 in the baseline · 11 rules/)
    const json = await emit(['--baseline', 'aegis-baseline.json', '--format', 'json'], dir)
    expect(JSON.parse(json.out).summary).toMatchObject({ total: 0, baselined: 6 })
    // Without a baseline nothing is added.
    expect(
      JSON.parse((await emit(['--format', 'json'], dir)).out).summary.baselined,
    ).toBeUndefined()
  })

  it('fails with a tool error when the baseline is missing', async () => {
    await expect(emit(['--baseline', 'nope.json'], await tmp())).rejects.toThrow(/baseline/)
  })

  it('applies inline suppressions from the sources, unless --no-inline-suppressions', async () => {
    const dir = await tmp()
    const text =
      'session:\n  lifespan: 720h # aegis-ignore session-lifespan-too-long reason="kiosk"\n'
    const lifespan = result.findings.find((f) => f.ruleId === 'session-lifespan-too-long')!
    const only = {
      ...result,
      findings: [{ ...lifespan, location: { file: 'k.yml', line: 2, column: 13 } }],
    }
    const run = async (args: string[]) => {
      const { io, commandIO } = makeIO(dir)
      const { values } = parse([...args, '--format', 'json'], reportFlags, 'usage')
      const code = await emitReport(only, {
        values,
        io: commandIO,
        sources: new Map([['k.yml', { text }]]),
      })
      return { code, json: JSON.parse(io.out) }
    }
    const honoured = await run([])
    expect(honoured.code).toBe(0)
    expect(honoured.json.findings[0].suppressed).toEqual({ kind: 'inline', reason: 'kiosk' })
    expect(honoured.json.summary.suppressed).toBe(1)
    const ignored = await run(['--no-inline-suppressions'])
    expect(ignored.code).toBe(1)
    expect(ignored.json.findings[0].suppressed).toBeNull()
  })

  it('applies the project config: rule off, severity override, fail-on and format', async () => {
    const dir = await tmp()
    await writeFile(
      join(dir, 'aegis.config.yaml'),
      'failOn: critical\nformat: json\nrules:\n  session-lifespan-too-long: "off"\n  session-idle-timeout-missing: critical\n',
    )
    const r = await emit([], dir)
    const json = JSON.parse(r.out)
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain(
      'session-lifespan-too-long',
    )
    expect(
      json.findings.find((f: { ruleId: string }) => f.ruleId === 'session-idle-timeout-missing')
        .severity,
    ).toBe('critical')
    expect(
      json.units.find((u: { id: string }) => u.id === 'session-lifespan-too-long').outcome,
    ).toBe('skipped')
    expect(r.code).toBe(1)
    expect((await emit(['--format', 'text', '--fail-on', 'none'], dir)).out).toContain(
      'no findings'.length > 0 ? 'findings' : '',
    )
  })

  it('writes schema-valid SARIF, also with invalid suppressions and a baseline applied', async () => {
    const dir = await tmp()
    const text = `${sources.get('deploy/kratos.yml')!.text}# aegis-ignore session-lifespan-too-long until=2020-01-01\n`
    const withBad = new Map([...sources, ['deploy/kratos.yml', { text }]])
    const { io, commandIO } = makeIO(dir)
    const run = async (args: string[]) => {
      const { values } = parse(
        [...args, '--format', 'sarif', '--output', 'out.sarif'],
        reportFlags,
        'u',
      )
      await emitReport(result, {
        values,
        io: commandIO,
        sources: withBad,
        now: new Date('2026-06-01'),
      })
      return JSON.parse(await readFile(join(dir, 'out.sarif'), 'utf8')) as SarifLog
    }
    const first = await run([])
    expect(sarifErrors(first)).toEqual([])
    expect(first.runs[0]!.results.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'aegis-suppression-invalid',
    )
    await writeFile(join(dir, 'b.json'), '{"version":1,"findings":[]}')
    expect(sarifErrors(await run(['--baseline', 'b.json']))).toEqual([])
    expect(io.out).toBe('')
  })
})
