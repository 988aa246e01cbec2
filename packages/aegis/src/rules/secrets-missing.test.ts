import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadDeployment, viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './secrets-missing.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

describe('secrets-missing', () => {
  it('reports no cookie secret, with a generate fix', () => {
    const [f] = run({})
    expect(f).toMatchObject({ key: 'secrets.cookie', severity: 'high', origin: 'default' })
    expect(f?.message).toContain('random secret per process')
    expect(f?.fix?.edits[0]).toEqual({ op: 'generate-secret', key: 'secrets.cookie', length: 32 })
  })

  it('accepts secrets.default as the fallback, and env-injected secrets', () => {
    expect(run({ secrets: { default: ['a'.repeat(32)] } })).toEqual([])
    expect(run({}, { env: { SECRETS_COOKIE: '["0123456789abcdef0123456789abcdef"]' } })).toEqual([])
  })

  it('never calls a secret from a Kubernetes secretKeyRef missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-k8s-'))
    const manifest = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: kratos }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: kratos',
      '          image: oryd/kratos:v26.2.0',
      '          args: [serve]',
      '          env:',
      '            - name: DSN',
      '              value: memory',
      '            - name: SECRETS_COOKIE',
      '              valueFrom: { secretKeyRef: { name: kratos, key: cookie } }',
      '',
    ].join('\n')
    writeFileSync(join(dir, 'deployment.yaml'), manifest)
    const { view } = await loadDeployment(['deployment.yaml'], { cwd: dir })
    rmSync(dir, { recursive: true, force: true })
    expect(view.isExternal('secrets.cookie')).toBe(true)
    expect(runRules(view, getProfile('baseline'), [rule])).toEqual([])
  })

  it('reports an encrypting cipher without secrets.cipher', () => {
    const found = run({ secrets: { cookie: ['x'.repeat(32)] }, ciphers: { algorithm: 'aes' } })
    expect(found.map((f) => f.key)).toEqual(['secrets.cipher'])
    expect(found[0]?.message).toContain('refuses to start')
  })
})
