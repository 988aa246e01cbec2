import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AegisError } from '../errors.ts'
import { loadProjectConfig, parseProjectConfig } from './project-config.ts'
import { resolveSettings } from './project-settings.ts'

describe('project configuration', () => {
  it('reads YAML and JSON with the same meaning', async () => {
    const yaml = await parseProjectConfig(
      'profile: asvs4-l2\nfailOn: medium\ninputs: [kratos.yml]\n',
      'a.yaml',
    )
    const json = await parseProjectConfig(
      '{"profile":"asvs4-l2","failOn":"medium","inputs":["kratos.yml"]}',
      'a.json',
    )
    expect(yaml).toEqual(json)
  })

  it('points at file:line:column of an invalid value', async () => {
    const text = 'profile: asvs4-l2\nrules:\n  session-lifespan-too-long: severe\n'
    const error = await parseProjectConfig(text, 'aegis.config.yaml').catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'AEGIS_CONFIG_INVALID',
      position: { file: 'aegis.config.yaml', line: 3, column: 30 },
    })
    expect((error as AegisError).toLine()).toMatch(
      /^aegis.config.yaml:3:30: rules.session-lifespan-too-long must be one of "off", "critical"/,
    )
  })

  it('refuses a profile id that does not exist, at its position, with a did-you-mean (QA L2)', async () => {
    const error = await parseProjectConfig(
      'failOn: high\nprofile: asvs-l2\n',
      'aegis.config.yaml',
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'AEGIS_PROFILE_UNKNOWN',
      position: { file: 'aegis.config.yaml', line: 2, column: 10 },
      hint: expect.stringContaining("did you mean 'asvs4-l2'?"),
    })
    const far = await parseProjectConfig('profile: zzz\n', 'c.yaml').catch((e: unknown) => e)
    expect((far as AegisError).hint).toMatch(/^known profiles: baseline, /)
  })

  it('refuses unknown rule or check ids under rules:, at the key, with a did-you-mean (QA L1)', async () => {
    const text = 'rules:\n  session-lifespan-too-lon: high\n  no-such-rule: "off"\n'
    const error = await parseProjectConfig(text, 'c2.yaml').catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'AEGIS_CONFIG_INVALID',
      position: { file: 'c2.yaml', line: 2, column: 3 },
      hint: "did you mean 'session-lifespan-too-long'?",
    })
    expect((error as AegisError).toLine()).toBe(
      'c2.yaml:2:3: rules.session-lifespan-too-lon names no audit rule or probe check (AEGIS_CONFIG_INVALID)',
    )
    const other = await parseProjectConfig('rules:\n  no-such-rule: "off"\n', 'c.yaml').catch(
      (e: unknown) => e,
    )
    expect(other).toMatchObject({ position: { line: 2, column: 3 } })
    expect((other as AegisError).hint).toMatch(/docs\/rules/)
    // Rule ids and probe check ids are both accepted.
    await expect(
      parseProjectConfig(
        'rules:\n  session-lifespan-too-long: critical\n  session-fixation-resisted: "off"\n',
        'c.yaml',
      ),
    ).resolves.toMatchObject({ rules: { 'session-fixation-resisted': 'off' } })
  })

  it('names unknown settings and type errors', async () => {
    const error = await parseProjectConfig(
      '{\n  "failOn": "high",\n  "fial": 1\n}',
      'c.json',
    ).catch((e: unknown) => e)
    expect((error as AegisError).toLine()).toMatch(
      /^c.json:3:3: fial is not a known setting \(known: profile,/,
    )
    await expect(parseProjectConfig('inputs: kratos.yml\n', 'c.yaml')).rejects.toThrow(
      /inputs must be an array, not string/,
    )
    await expect(parseProjectConfig('a: [\n', 'c.yaml')).rejects.toMatchObject({
      code: 'AEGIS_CONFIG_INVALID',
    })
  })

  it('finds aegis.config.* in cwd, resolves paths from the file, flags win', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aegis-config-'))
    await mkdir(join(dir, 'ci'))
    await writeFile(
      join(dir, 'ci', 'aegis.config.json'),
      '{"inputs":["../deploy/kratos.yml"],"failOn":"low","format":"sarif"}',
    )
    expect(await loadProjectConfig({ cwd: dir })).toEqual({ file: null, config: {} })
    const loaded = await loadProjectConfig({ cwd: dir, file: 'ci/aegis.config.json' })
    expect(loaded.config.inputs).toEqual(['deploy/kratos.yml'])
    const s = resolveSettings({ format: 'json' }, loaded)
    expect(s.format).toEqual({ value: 'json', source: 'flag' })
    expect(s.failOn).toEqual({ value: 'low', source: 'file' })
    expect(s.inlineSuppressions).toEqual({ value: true, source: 'default' })
    await expect(loadProjectConfig({ cwd: dir, file: 'missing.json' })).rejects.toMatchObject({
      code: 'AEGIS_FILE_NOT_FOUND',
    })
  })
})
