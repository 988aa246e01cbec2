import { describe, expect, it } from 'vitest'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDeployment, viewFromObject } from './index.ts'
import { emptyMerged, layerFromAssignments, mergeLayer } from './layer.ts'
import { ExternalValue } from './tree.ts'
import { createView } from './view.ts'

describe('viewFromObject', () => {
  const view = viewFromObject({
    dsn: 'memory',
    session: { lifespan: '720h', cookie: { same_site: 'None' } },
    secrets: { cookie: ['a-very-long-secret-1', 'a-very-long-secret-2'] },
  })

  it('answers get and has for set values, array items and absent keys', () => {
    expect(view.get('session.lifespan')).toBe('720h')
    expect(view.get('secrets.cookie.1')).toBe('a-very-long-secret-2')
    expect(view.get('secrets.cookie')).toEqual(['a-very-long-secret-1', 'a-very-long-secret-2'])
    expect(view.has('session.cookie.same_site')).toBe(true)
    expect(view.has('session.cookie.domain')).toBe(false)
    expect(view.has('secrets.cookie.2')).toBe(false)
    expect(view.get('dsn.nothing')).toBeUndefined()
  })

  it('reports a file origin for set keys and default for the rest', () => {
    expect(view.origin('session.lifespan')).toMatchObject({ kind: 'file', location: null })
    expect(view.origin('session.cookie.domain')).toEqual({ kind: 'default', location: null })
  })

  it('lists every set leaf once, arrays as one entry', () => {
    expect(view.entries().map((e) => e.path)).toEqual([
      'dsn',
      'session.lifespan',
      'session.cookie.same_site',
      'secrets.cookie',
    ])
  })

  it('turns on dev mode from the tree or from --dev', () => {
    expect(view.dev).toBe(false)
    expect(viewFromObject({ dev: true }).dev).toBe(true)
    const flagged = viewFromObject({}, { dev: true })
    expect(flagged.dev).toBe(true)
    expect(flagged.origin('dev')).toMatchObject({ kind: 'flag', flag: '--dev' })
  })

  it('takes the version from the user, then the config, then assumes the newest release', () => {
    expect(viewFromObject({}, { version: 'v1.3' })).toMatchObject({
      version: 'v1.3',
      versionSource: 'user',
    })
    expect(viewFromObject({ version: 'v25.4.0' })).toMatchObject({
      version: 'v25.4',
      versionSource: 'config',
    })
    expect(viewFromObject({})).toMatchObject({ version: 'v26.2', versionSource: 'assumed' })
  })

  it('keeps a key named __proto__ as data and never writes into Object.prototype', async () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": 1}, "session": {"__proto__": {"x": 2}}}')
    const fromObject = viewFromObject(parsed as Record<string, unknown>)
    const dir = await mkdtemp(join(tmpdir(), 'aegis-proto-'))
    const file = join(dir, 'kratos.yml')
    await writeFile(file, '__proto__:\n  polluted: 3\nsession:\n  lifespan: 1h\n')
    const fromYaml = (await loadDeployment([file])).view
    await rm(dir, { recursive: true })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['x']).toBeUndefined()
    expect(fromObject.get('__proto__.polluted')).toBe(1)
    expect(fromObject.get('session.__proto__.x')).toBe(2)
    expect(Object.keys(fromObject.tree())).toEqual(['__proto__', 'session'])
    expect(fromYaml.get('__proto__.polluted')).toBe(3)
    expect(fromYaml.get('session.lifespan')).toBe('1h')
  })

  it('hands out copies: tree() has no external markers', () => {
    expect(view.tree()).toEqual({
      dsn: 'memory',
      session: { lifespan: '720h', cookie: { same_site: 'None' } },
      secrets: { cookie: ['a-very-long-secret-1', 'a-very-long-secret-2'] },
    })
  })
})

describe('createView over layers', () => {
  const origin = (via: string) => ({ kind: 'env' as const, location: null, via })

  it('treats external values as set elsewhere: has, isExternal, no value, never a default', () => {
    const merged = emptyMerged()
    mergeLayer(
      merged,
      layerFromAssignments('env', [
        { path: 'dsn', value: new ExternalValue('secretKeyRef kratos/dsn'), origin: origin('k8s') },
      ]),
    )
    const view = createView({
      merged,
      version: 'v26.2',
      versionSource: 'assumed',
      defaultValue: (p) => (p === 'dsn' ? 'default-should-not-show' : undefined),
    })
    expect(view.has('dsn')).toBe(true)
    expect(view.isExternal('dsn')).toBe(true)
    expect(view.get('dsn')).toBeUndefined()
    expect(view.origin('dsn')).toMatchObject({ via: 'k8s' })
    expect(view.entries()).toEqual([
      { path: 'dsn', value: undefined, origin: origin('k8s'), external: true },
    ])
    expect(view.tree()).toEqual({})
  })

  it('merges objects key by key and replaces arrays and scalars, moving origins with them', () => {
    const merged = emptyMerged()
    mergeLayer(
      merged,
      layerFromAssignments('a', [
        {
          path: 'secrets.cookie',
          value: ['one-long-secret-xx', 'two-long-secret-xx'],
          origin: origin('a'),
        },
        { path: 'session.lifespan', value: '1h', origin: origin('a') },
      ]),
    )
    mergeLayer(
      merged,
      layerFromAssignments('b', [
        { path: 'secrets.cookie', value: ['three-long-secret'], origin: origin('b') },
        { path: 'session.cookie.name', value: 'x', origin: origin('b') },
      ]),
    )
    const view = createView({
      merged,
      version: 'v26.2',
      versionSource: 'assumed',
      defaultValue: (p) => (p === 'session.cookie.path' ? '/' : undefined),
    })
    expect(view.get('secrets.cookie')).toEqual(['three-long-secret'])
    expect(view.has('secrets.cookie.1')).toBe(false)
    expect(view.origin('secrets.cookie.0')).toMatchObject({ via: 'b' })
    expect(view.origin('session.lifespan')).toMatchObject({ via: 'a' })
    expect(view.get('session.cookie.path')).toBe('/')
    expect(view.get('session.lifespan.x')).toBeUndefined()
  })
})
