import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sharedDir } from '../../../../test/support/cli.ts'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { isKratosImage } from './compose.ts'
import { loadDeployment } from './index.ts'

const configs = join(sharedDir, 'kratos/configs')

/** Lays the quickstart out as its compose file expects (configs/ flattens `/` to `__`). */
const quickstart = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'aegis-compose-'))
  for (const name of ['quickstart.yml', 'quickstart-postgres.yml']) {
    copyFileSync(join(configs, name), join(dir, name))
  }
  const target = join(dir, 'contrib/quickstart/kratos/email-password')
  mkdirSync(target, { recursive: true })
  copyFileSync(
    join(configs, 'contrib__quickstart__kratos__email-password__kratos.yml'),
    join(target, 'kratos.yml'),
  )
  return dir
}

describe('docker-compose carrier', () => {
  it('recognises the Kratos image and not the self-service UI', () => {
    expect(isKratosImage('oryd/kratos:v26.2.0')).toBe(true)
    expect(isKratosImage('docker.io/oryd/kratos@sha256:abc')).toBe(true)
    expect(isKratosImage('oryd/kratos')).toBe(true)
    expect(isKratosImage('oryd/kratos-selfservice-ui-node:v26.2.0')).toBe(false)
  })

  it('resolves the mounted config of the quickstart and lets compose env beat the file', async () => {
    const cwd = quickstart()
    const { view, files } = await loadDeployment(['quickstart.yml'], { cwd })
    const mounted = 'contrib/quickstart/kratos/email-password/kratos.yml'
    expect(files.get(mounted)?.kind).toBe('kratos-config')
    expect(view.get('selfservice.default_browser_return_url')).toBeTypeOf('string')
    expect(view.origin('selfservice.default_browser_return_url').location?.file).toBe(mounted)
    expect(view.get('dsn')).toBe('sqlite:///var/lib/sqlite/db.sqlite?_fk=true&_journal=WAL')
    expect(view.origin('dsn')).toMatchObject({
      kind: 'compose',
      envVar: 'DSN',
      via: 'compose service kratos',
      location: { file: 'quickstart.yml', line: 39 },
    })
    expect(view.dev).toBe(true)
    expect(view.origin('dev')).toMatchObject({ kind: 'compose', flag: '--dev' })
    expect(view.version).toBe('v26.2')
    expect(view.versionSource).toBe('image')
  })

  it('merges an override file the way docker compose -f a -f b does', async () => {
    const cwd = quickstart()
    const { view } = await loadDeployment(['quickstart.yml', 'quickstart-postgres.yml'], { cwd })
    expect(view.get('dsn')).toMatch(/^postgres:\/\/kratos:secret@postgresd/)
    expect(view.origin('dsn').location).toMatchObject({ file: 'quickstart-postgres.yml', line: 10 })
    expect(view.get('log.level')).toBe('trace')
  })

  it('interpolates ${VAR:-default}, ${VAR-default}, $$ and marks unset variables as set at deploy time', async () => {
    const cwd = tempFiles({
      'docker-compose.yml': [
        'services:',
        '  auth:',
        '    image: "oryd/kratos:${KRATOS_TAG:-v1.3.1}"',
        '    command: ["serve", "--config", "/etc/k/base.yml,/etc/k/prod.yml"]',
        '    env_file: ./kratos.env',
        '    environment:',
        '      SESSION_LIFESPAN: ${LIFESPAN-48h}',
        '      SERVE_PUBLIC_BASE_URL: https://$${HOST}/',
        '      DSN: ${DSN:?set the DSN}',
        '      LOG_LEVEL:',
        '    volumes:',
        '      - ./conf:/etc/k:ro',
        '',
      ].join('\n'),
      'conf/base.yml': 'session:\n  lifespan: 1h\n  cookie:\n    name: base\n',
      'conf/prod.yml': 'session:\n  cookie:\n    name: prod\n',
      'kratos.env': 'SESSION_COOKIE_NAME=from_env_file\nSESSION_LIFESPAN=3h\n',
      '.env': 'LIFESPAN=72h\n',
    })
    const { view, warnings } = await loadDeployment(['docker-compose.yml'], { cwd })
    expect(view.version).toBe('v1.3')
    expect(view.get('session.lifespan')).toBe('72h')
    expect(view.get('serve.public.base_url')).toBe('https://${HOST}/')
    expect(view.get('session.cookie.name')).toBe('from_env_file')
    expect(view.origin('session.cookie.name')).toMatchObject({
      kind: 'env',
      location: { file: 'kratos.env', line: 1 },
    })
    expect(view.has('dsn')).toBe(true)
    expect(view.isExternal('dsn')).toBe(true)
    expect(view.isExternal('log.level')).toBe(true)
    expect(warnings.join('\n')).not.toMatch(/no -c config/)
  })

  it('lets the user env file and shell feed interpolation, not Kratos directly', async () => {
    const cwd = tempFiles({
      'compose.yaml': [
        'services:',
        '  kratos:',
        '    image: oryd/kratos:v26.2.0',
        '    command: serve -c /etc/config/kratos.yml',
        '    environment:',
        '      - DSN=${DATABASE_URL}',
        '    volumes:',
        '      - type: bind',
        '        source: ./kratos',
        '        target: /etc/config',
        '',
      ].join('\n'),
      'kratos/kratos.yml': 'dsn: memory\n',
      'user.env': 'DATABASE_URL=postgres://u:p@db/k\nSESSION_LIFESPAN=9h\n',
    })
    const { view } = await loadDeployment(['compose.yaml'], { cwd, envFiles: ['user.env'] })
    expect(view.get('dsn')).toBe('postgres://u:p@db/k')
    expect(view.has('session.lifespan')).toBe(false)
    expect(view.dev).toBe(false)
  })

  it('warns when the config lives in a named volume and uses --service', async () => {
    const cwd = tempFiles({
      'c.yml': [
        'services:',
        '  idp:',
        '    image: registry.local/custom-kratos:1',
        '    command: serve -c /data/kratos.yml --dev=false',
        '    volumes: [kdata:/data]',
        '',
      ].join('\n'),
    })
    const { view, warnings } = await loadDeployment(['c.yml'], { cwd, service: 'idp' })
    expect(warnings.join('\n')).toMatch(/volume 'kdata'/)
    expect(view.dev).toBe(false)
    await expect(loadDeployment(['c.yml'], { cwd })).rejects.toMatchObject({
      code: 'AEGIS_NO_KRATOS_CONFIG',
    })
  })

  it('skips a missing env_file marked required: false and fails on a required one', async () => {
    const compose = (required: boolean): string =>
      [
        'services:',
        '  kratos:',
        '    image: oryd/kratos:v26.2.0',
        '    env_file:',
        `      - {path: ./missing.env, required: ${String(required)}}`,
        '',
      ].join('\n')
    const cwd = tempFiles({ 'a.yml': compose(false), 'b.yml': compose(true) })
    const { view } = await loadDeployment(['a.yml'], { cwd })
    expect(view.entries()).toEqual([])
    await expect(loadDeployment(['b.yml'], { cwd })).rejects.toMatchObject({
      code: 'AEGIS_FILE_NOT_FOUND',
      position: { file: 'missing.env' },
    })
  })

  it('reads docker-compose.override.yml next to a lone base file, as docker compose does', async () => {
    const cwd = tempFiles({
      'docker-compose.yml':
        'services:\n  kratos:\n    image: oryd/kratos:v26.2.0\n    environment: [LOG_LEVEL=info]\n',
      'docker-compose.override.yml': 'services:\n  kratos:\n    environment: [LOG_LEVEL=debug]\n',
    })
    const { view, warnings } = await loadDeployment(['docker-compose.yml'], { cwd })
    expect(view.get('log.level')).toBe('debug')
    expect(view.origin('log.level').location?.file).toBe('docker-compose.override.yml')
    expect(warnings.join('\n')).toMatch(/docker-compose\.override\.yml: read as well/)
  })
})
