import { describe, expect, it } from 'vitest'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { loadDeployment } from '../config/index.ts'
import { locate } from './locate.ts'

const load = async (files: Record<string, string>, envFiles: string[] = []) =>
  (await loadDeployment(['kratos.yml'], { cwd: tempFiles(files), envFiles })).view

describe('locate', () => {
  it('points a set key at its value and a default at the block a file writes', async () => {
    const view = await load({ 'kratos.yml': 'dsn: memory\nsession:\n  cookie:\n    path: /\n' })
    expect(locate(view, 'session.cookie.path')).toEqual({
      location: expect.objectContaining({ file: 'kratos.yml', line: 4 }),
      origin: 'file',
    })
    expect(locate(view, 'session.cookie.same_site')).toEqual({
      location: expect.objectContaining({ file: 'kratos.yml', line: 3 }),
      origin: 'default',
    })
    expect(locate(view, 'cookies.same_site')).toEqual({ location: null, origin: 'default' })
  })

  it('never lends an environment variable’s line to a sibling left to its default', async () => {
    const view = await load(
      { 'kratos.yml': 'dsn: memory\n', 'typo.env': '# a\nFOO=bar\n\nSESSION_COOKIE_SECURE=yes\n' },
      ['typo.env'],
    )
    expect(locate(view, 'session.cookie.secure')).toEqual({
      location: expect.objectContaining({ file: 'typo.env', line: 4 }),
      origin: 'env',
    })
    for (const key of [
      'session.lifespan',
      'session.earliest_possible_extend',
      'session.cookie.name',
      'session.cookie.persistent',
      'session.cookie.same_site',
    ]) {
      expect(locate(view, key), key).toEqual({ location: null, origin: 'default' })
    }
    // The object the variable implies is the variable's (kind) but has no position of its own.
    expect(view.origin('session.cookie')).toMatchObject({ kind: 'env', location: null })
  })

  it('looks past an object only a variable implies, to the block a file writes', async () => {
    const view = await load(
      {
        'kratos.yml': 'dsn: memory\nsession:\n  lifespan: 1h\n',
        'k.env': 'SESSION_COOKIE_SECURE=true\n',
      },
      ['k.env'],
    )
    expect(locate(view, 'session.cookie.name')).toEqual({
      location: expect.objectContaining({ file: 'kratos.yml', line: 2 }),
      origin: 'default',
    })
  })
})
