import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../../../test/support/cli.ts'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { loadDeployment } from './index.ts'

const fixtures = join(repoRoot, 'test/fixtures/deployments')

const lineOf = (file: string, needle: string): number =>
  readFileSync(join(fixtures, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1

describe('Kubernetes manifests', () => {
  it('reads the ConfigMap config the Deployment mounts, with real manifest lines', async () => {
    const { view, files } = await loadDeployment(['kubernetes'], { cwd: fixtures })
    expect(files.get('kubernetes/deployment.yaml')?.kind).toBe('kubernetes')
    expect(view.get('session.lifespan')).toBe('720h')
    const origin = view.origin('session.lifespan')
    expect(origin.kind).toBe('kubernetes')
    expect(origin.via).toBe('ConfigMap kratos-config data.kratos.yml')
    expect(origin.location).toMatchObject({
      file: 'kubernetes/configmap.yaml',
      line: lineOf('kubernetes/configmap.yaml', 'lifespan: 720h'),
      column: 17,
    })
    expect(view.version).toBe('v1.3')
  })

  it('treats a secretKeyRef to a Secret not among the inputs as set elsewhere, never missing', async () => {
    const { view } = await loadDeployment(['kubernetes'], { cwd: fixtures })
    expect(view.has('dsn')).toBe(true)
    expect(view.isExternal('dsn')).toBe(true)
    expect(view.get('dsn')).toBeUndefined()
    expect(view.origin('dsn')).toMatchObject({
      kind: 'kubernetes',
      envVar: 'DSN',
      location: {
        file: 'kubernetes/deployment.yaml',
        line: lineOf('kubernetes/deployment.yaml', 'name: DSN'),
      },
    })
  })

  it('takes values from a Secret, a ConfigMap via envFrom and plain env among the inputs', async () => {
    const { view } = await loadDeployment(['kubernetes'], { cwd: fixtures })
    expect(view.get('secrets.cookie')).toEqual([
      'fixture-cookie-secret-0001',
      'fixture-cookie-secret-0002',
    ])
    expect(view.isExternal('secrets.cookie')).toBe(false)
    expect(view.get('session.earliest_possible_extend')).toBe('1h')
    expect(view.origin('session.earliest_possible_extend').via).toMatch(
      /envFrom ConfigMap kratos-tuning/,
    )
    expect(view.get('serve.public.cors.allowed_origins')).toEqual([
      'https://app.example.com',
      'https://admin.example.com',
    ])
    expect(view.rawEnv['DEV_DISABLE_API_FLOW_ENFORCEMENT']?.value).toBe('false')
  })

  it('marks DSN and secrets as set elsewhere when envFrom names a Secret it cannot read', async () => {
    const dir = tempFiles({
      'pod.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: kratos}',
        'spec:',
        '  containers:',
        '    - name: kratos',
        '      image: oryd/kratos:v25.4.0',
        '      args: [serve, --dev]',
        '      envFrom:',
        '        - secretRef: {name: kratos-env}',
        '',
      ].join('\n'),
    })
    const { view, warnings } = await loadDeployment(['pod.yaml'], { cwd: dir })
    expect(view.isExternal('dsn')).toBe(true)
    expect(view.isExternal('secrets.cookie')).toBe(true)
    expect(view.has('session.lifespan')).toBe(false)
    expect(view.dev).toBe(true)
    expect(view.origin('dev')).toMatchObject({
      kind: 'kubernetes',
      flag: '--dev',
      location: { line: 8 },
    })
    expect(warnings.join('\n')).toMatch(/envFrom Secret kratos-env/)
  })

  it('expands $(VAR) in env values and args from earlier variables', async () => {
    const dir = tempFiles({
      'pod.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: kratos}',
        'spec:',
        '  containers:',
        '    - name: kratos',
        '      image: oryd/kratos:v26.2.0',
        '      args: [serve, --config, $(CONFIG_DIR)/kratos.yml]',
        '      env:',
        '        - {name: CONFIG_DIR, value: /etc/k}',
        '        - {name: HOST, value: auth.example.com}',
        '        - {name: SERVE_PUBLIC_BASE_URL, value: "https://$(HOST)/$$(HOST)/$(NOPE)"}',
        '      volumeMounts: [{name: c, mountPath: /etc/k}]',
        '  volumes: [{name: c, configMap: {name: kc}}]',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: kc}',
        'data:',
        '  kratos.yml: |',
        '    session: {lifespan: 2h}',
        '',
      ].join('\n'),
    })
    const { view } = await loadDeployment(['pod.yaml'], { cwd: dir })
    expect(view.get('serve.public.base_url')).toBe('https://auth.example.com/$(HOST)/$(NOPE)')
    expect(view.get('session.lifespan')).toBe('2h')
  })

  it('reads a lone ConfigMap holding a Kratos config and a base64 Secret', async () => {
    const dir = tempFiles({
      'all.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: kratos}',
        'data:',
        '  kratos.yaml: |-',
        '    session:',
        '      lifespan: 12h',
        '',
      ].join('\n'),
    })
    const { view } = await loadDeployment(['all.yaml'], { cwd: dir })
    expect(view.get('session.lifespan')).toBe('12h')
    expect(view.origin('session.lifespan').location).toMatchObject({
      file: 'all.yaml',
      line: 7,
      column: 17,
    })
  })

  it('reports an error inside an embedded config at its manifest line', async () => {
    const dir = tempFiles({
      'bad.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  kratos.yml: |\n    dsn: memory\n    dsn: again\n',
    })
    await expect(loadDeployment(['bad.yaml'], { cwd: dir })).rejects.toMatchObject({
      code: 'AEGIS_DUPLICATE_KEY',
      position: { file: 'bad.yaml', line: 7 },
    })
  })
  it('follows subPath and items to a Secret-held config and picks the container by --service', async () => {
    const dir = tempFiles({
      'sts.yaml': [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: idp}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: sidecar',
        '          image: oryd/kratos:v25.4.0',
        '          args: [courier, watch]',
        '        - name: identity',
        '          image: registry.local/kratos-fork:3',
        '          command: [kratos]',
        '          args: [serve, -c, /etc/k/main.yml, -c, /etc/extra/over.yml]',
        '          volumeMounts:',
        '            - {name: main, mountPath: /etc/k/main.yml, subPath: kratos.yml}',
        '            - {name: extra, mountPath: /etc/extra}',
        '      volumes:',
        '        - name: main',
        '          secret: {secretName: kratos-config}',
        '        - name: extra',
        '          configMap:',
        '            name: overrides',
        '            items: [{key: production.yml, path: over.yml}]',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: kratos-config}',
        'stringData:',
        '  kratos.yml: |',
        '    session:',
        '      lifespan: 8h',
        '      cookie: {name: main}',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: overrides}',
        'data:',
        '  production.yml: "session: {cookie: {name: over}}"',
        '',
      ].join('\n'),
    })
    const { view } = await loadDeployment(['sts.yaml'], { cwd: dir, service: 'identity' })
    expect(view.get('session.lifespan')).toBe('8h')
    expect(view.origin('session.lifespan').location).toMatchObject({
      file: 'sts.yaml',
      line: 32,
      column: 17,
    })
    expect(view.get('session.cookie.name')).toBe('over')
    expect(view.origin('session.cookie.name')).toMatchObject({
      kind: 'kubernetes',
      via: 'ConfigMap overrides data.production.yml',
      location: { line: 39 },
    })
    expect(view.versionSource).toBe('assumed')
  })
})

describe('Helm values', () => {
  it('reads kratos.config with positions, kratos.development as --dev and image.tag', async () => {
    const { view, files } = await loadDeployment(['helm/values.yaml'], { cwd: fixtures })
    expect(files.get('helm/values.yaml')?.kind).toBe('helm-values')
    expect(view.get('session.lifespan')).toBe('2160h')
    expect(view.origin('session.lifespan')).toMatchObject({
      kind: 'helm',
      location: { file: 'helm/values.yaml', line: lineOf('helm/values.yaml', 'lifespan: 2160h') },
    })
    expect(view.dev).toBe(true)
    expect(view.origin('dev')).toMatchObject({ kind: 'helm', flag: '--dev' })
    expect(view.version).toBe('v26.2')
    expect(view.versionSource).toBe('image')
    expect(view.get('session.whoami.required_aal')).toBe('aal1')
    expect(view.isExternal('courier.smtp.connection_uri')).toBe(true)
  })

  it('treats secrets the chart generates as set elsewhere', async () => {
    const dir = tempFiles({
      'values.yaml': 'kratos:\n  config:\n    secrets:\n      cookie: [a-cookie-secret-123]\n',
    })
    const { view } = await loadDeployment(['values.yaml'], { cwd: dir })
    expect(view.isExternal('secrets.default')).toBe(true)
    expect(view.origin('secrets.default').via).toMatch(/chart-generated/)
    expect(view.get('secrets.cookie')).toEqual(['a-cookie-secret-123'])
    expect(view.isExternal('dsn')).toBe(false)
    expect(view.has('dsn')).toBe(false)
  })

  it('treats DSN and secrets as set elsewhere when the chart takes them from an existing Secret', async () => {
    const dir = tempFiles({
      'values.yaml':
        'secret:\n  enabled: false\n  nameOverride: kratos-prod\nkratos:\n  config:\n    session:\n      lifespan: 1h\n',
    })
    const { view } = await loadDeployment(['values.yaml'], { cwd: dir })
    expect(view.isExternal('dsn')).toBe(true)
    expect(view.isExternal('secrets.cookie')).toBe(true)
    expect(view.origin('dsn').via).toMatch(/kratos-prod/)
  })
})
