import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AegisError } from '../errors.ts'
import {
  filterByBaseline,
  fingerprintOf,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  writeFileAtomic,
} from './baseline.ts'
import type { Finding } from './finding.ts'

const finding = (ruleId: string, line: number, fingerprint?: string): Finding => ({
  ruleId,
  severity: 'high',
  concern: 'session-lifetime',
  key: 'session.lifespan',
  message: 'session.lifespan is 720h',
  location: { file: 'kratos.yml', line, column: 3 },
  origin: 'file',
  references: {},
  fix: null,
  suppressed: null,
  ...(fingerprint === undefined ? {} : { fingerprint }),
})

describe('baseline', () => {
  it('matches by rule, key and fingerprint, never by line', () => {
    const before = [finding('a', 10, 'fp1'), finding('b', 11, 'fp2')]
    const baseline = parseBaseline(serializeBaseline(before, 'kratos-aegis'), 'b.json')
    const after = [finding('a', 40, 'fp1'), finding('b', 41, 'fp-changed'), finding('c', 1, 'fp3')]
    expect(filterByBaseline(after, baseline).map((f) => f.ruleId)).toEqual(['b', 'c'])
  })

  it('falls back to a hash of rule, key and message when no fingerprint is set', () => {
    expect(fingerprintOf(finding('a', 1))).toBe(fingerprintOf(finding('a', 99)))
    expect(fingerprintOf(finding('a', 1))).toMatch(/^[0-9a-f]{16}$/)
    expect(fingerprintOf(finding('a', 1))).not.toBe(fingerprintOf(finding('b', 1)))
  })

  it('writes sorted, de-duplicated entries without suppressed findings or lines', () => {
    const suppressed = {
      ...finding('z', 1, 'fz'),
      suppressed: { kind: 'inline', reason: 'r' },
    } as const
    const text = serializeBaseline(
      [finding('b', 2, 'f2'), finding('a', 1, 'f1'), finding('a', 5, 'f1'), suppressed],
      't',
    )
    expect(JSON.parse(text)).toEqual({
      version: 1,
      tool: 't',
      findings: [
        { ruleId: 'a', key: 'session.lifespan', fingerprint: 'f1' },
        { ruleId: 'b', key: 'session.lifespan', fingerprint: 'f2' },
      ],
    })
    expect(text).not.toContain('line')
  })

  it('rejects a malformed baseline with AEGIS_BASELINE_INVALID', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(AegisError)
    expect(() => parseBaseline('{"findings":[{"ruleId":1}]}', 'b.json')).toThrow(/ruleId/)
  })

  it('writes atomically (no temporary file left) and reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-baseline-'))
    const file = join(dir, 'aegis-baseline.json')
    await writeFileAtomic(file, serializeBaseline([finding('a', 1, 'f')], 't'))
    expect(await readdir(dir)).toEqual(['aegis-baseline.json'])
    expect((await readBaseline(file)).size).toBe(1)
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1)
    await expect(readBaseline(join(dir, 'missing.json'))).rejects.toThrow(AegisError)
  })
})
