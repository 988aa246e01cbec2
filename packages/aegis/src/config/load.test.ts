import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sharedDir } from '../../../../test/support/cli.ts'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { loadDeployment } from './index.ts'

describe('loadDeployment with Kratos config files', () => {
  it('gives a 1-based line and column for every YAML value', async () => {
    const cwd = tempFiles({
      'kratos.yml':
        'dsn: memory\nsession:\n  lifespan: 720h\n  cookie:\n    same_site: None\nsecrets:\n  cookie:\n    - first-secret-0123456\n',
    })
    const { view, files } = await loadDeployment(['kratos.yml'], { cwd })
    expect(view.origin('dsn').location).toMatchObject({ file: 'kratos.yml', line: 1, column: 6 })
    expect(view.origin('session.lifespan').location).toMatchObject({ line: 3, column: 13 })
    expect(view.origin('session.cookie.same_site').location).toMatchObject({ line: 5, column: 16 })
    expect(view.origin('secrets.cookie.0').location).toMatchObject({ line: 8, column: 7 })
    expect(view.origin('session.cookie').location).toMatchObject({ line: 4, column: 3 })
    expect(files.get('kratos.yml')?.document?.get('dsn')).toBe('memory')
  })

  it('reads JSON with positions', async () => {
    const cwd = tempFiles({ 'k.json': '{\n  "session": {\n    "lifespan": "2h"\n  }\n}\n' })
    const { view } = await loadDeployment(['k.json'], { cwd })
    expect(view.get('session.lifespan')).toBe('2h')
    expect(view.origin('session.lifespan').location).toMatchObject({ line: 3, column: 17 })
  })

  it('reads TOML with positions from tables, dotted keys and arrays of tables', async () => {
    const cwd = tempFiles({
      'k.toml': [
        'dsn = "memory"',
        '[session]',
        'lifespan = "3h"',
        'cookie.same_site = "Lax"',
        '[secrets]',
        'cookie = [',
        '  "first-secret-0123456",',
        ']',
        '[[selfservice.methods.oidc.config.providers]]',
        'id = "a"',
        '[[selfservice.methods.oidc.config.providers]]',
        'id = "b"',
        '',
      ].join('\n'),
    })
    const { view } = await loadDeployment(['k.toml'], { cwd })
    expect(view.get('session.cookie.same_site')).toBe('Lax')
    expect(view.origin('session.lifespan').location).toMatchObject({ line: 3, column: 12 })
    expect(view.origin('session.cookie.same_site').location).toMatchObject({ line: 4 })
    expect(view.origin('secrets.cookie.0').location).toMatchObject({ line: 6 })
    expect(view.get('selfservice.methods.oidc.config.providers.1.id')).toBe('b')
    expect(view.origin('selfservice.methods.oidc.config.providers.1.id').location).toMatchObject({
      line: 12,
    })
  })

  it('merges several files in -c order: later files win, objects merge, arrays replace', async () => {
    const cwd = tempFiles({
      'a.yml':
        'dsn: memory\nsession:\n  lifespan: 1h\n  cookie:\n    name: a\nsecrets:\n  cookie: [aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb]\n',
      'b.yml': 'session:\n  cookie:\n    name: b\nsecrets:\n  cookie: [cccccccccccccccc]\n',
    })
    const { view } = await loadDeployment(['a.yml', 'b.yml'], { cwd })
    expect(view.get('session.lifespan')).toBe('1h')
    expect(view.origin('session.lifespan').location?.file).toBe('a.yml')
    expect(view.get('session.cookie.name')).toBe('b')
    expect(view.origin('session.cookie.name').location).toMatchObject({ file: 'b.yml', line: 3 })
    expect(view.get('secrets.cookie')).toEqual(['cccccccccccccccc'])
    expect(view.sources).toEqual(['a.yml', 'b.yml'])
  })

  it('loads every Kratos config shipped in the Kratos repository', async () => {
    const dir = join(sharedDir, 'kratos/configs')
    const configs = readdirSync(dir).filter((n) => !n.startsWith('quickstart'))
    expect(configs.length).toBeGreaterThanOrEqual(8)
    for (const name of configs) {
      const { view } = await loadDeployment([join(dir, name)])
      expect(view.entries().length, name).toBeGreaterThan(3)
      for (const entry of view.entries()) {
        expect(entry.origin.location?.line, `${name} ${entry.path}`).toBeGreaterThan(0)
      }
    }
  })

  it('honours YAML merge keys as Go yaml.v3 does', async () => {
    const cwd = tempFiles({
      'k.yml':
        'x-cookie: &cookie\n  same_site: Lax\n  path: /\nsession:\n  cookie:\n    <<: *cookie\n    same_site: Strict\n',
    })
    const { view } = await loadDeployment(['k.yml'], { cwd })
    expect(view.get('session.cookie.same_site')).toBe('Strict')
    expect(view.get('session.cookie.path')).toBe('/')
    expect(view.origin('session.cookie.path').location).toMatchObject({ line: 5 })
    expect(view.has('session.cookie.<<')).toBe(false)
  })

  it('skips files in a directory that are neither manifests nor Kratos configs', async () => {
    const cwd = tempFiles({
      'Chart.yaml': 'apiVersion: v2\nname: kratos\nversion: 0.1.0\n',
      'kratos.yaml': 'session:\n  lifespan: 3h\n',
      'notes.txt': 'not read',
    })
    const { view, warnings } = await loadDeployment(['.'], { cwd })
    expect(view.get('session.lifespan')).toBe('3h')
    expect(view.has('name')).toBe(false)
    expect(warnings).toEqual(['Chart.yaml: skipped, neither a manifest nor a Kratos config'])
  })
})

describe('loadDeployment with no Kratos configuration among the inputs (QA M4)', () => {
  const refused = async (inputs: string[], cwd: string): Promise<unknown> => {
    try {
      await loadDeployment(inputs, { cwd })
    } catch (error) {
      return error
    }
    throw new Error('expected AEGIS_NO_KRATOS_CONFIG')
  }

  it('refuses an empty directory', async () => {
    const cwd = tempFiles({})
    const error = await refused(['.'], cwd)
    expect(error).toMatchObject({ code: 'AEGIS_NO_KRATOS_CONFIG', position: { file: '.' } })
    expect((error as Error).message).toMatch(/no Kratos config, compose file, Helm values/)
  })

  it('refuses a directory of unrelated files, saying how many were skipped', async () => {
    const cwd = tempFiles({
      'Chart.yaml': 'apiVersion: v2\nname: kratos\nversion: 0.1.0\n',
      'package.json': '{"name": "x"}\n',
      'notes.txt': 'not read',
    })
    const error = await refused(['.'], cwd)
    expect(error).toMatchObject({
      code: 'AEGIS_NO_KRATOS_CONFIG',
      hint: expect.stringMatching(/^2 YAML/),
    })
  })

  it('refuses Kubernetes manifests without a Kratos container or config', async () => {
    const cwd = tempFiles({
      'web.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - {name: web, image: nginx:1.27}',
        '',
      ].join('\n'),
    })
    expect(await refused(['web.yaml'], cwd)).toMatchObject({
      code: 'AEGIS_NO_KRATOS_CONFIG',
      position: { file: 'web.yaml' },
    })
  })

  it('still reads a Kratos config with a single key, named directly or in a directory', async () => {
    const cwd = tempFiles({ 'kratos.yml': 'log:\n  level: info\n' })
    expect((await loadDeployment(['kratos.yml'], { cwd })).view.get('log.level')).toBe('info')
    expect((await loadDeployment(['.'], { cwd })).view.get('log.level')).toBe('info')
  })
})
