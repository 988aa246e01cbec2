import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { tempFiles } from '../../../../test/support/temp-files.ts'
import { loadDeployment } from '../config/index.ts'
import { csrfCookieName, detectVersion } from './index.ts'

describe('detectVersion', () => {
  it('reads bare versions and release lines', () => {
    expect(detectVersion('v1.3.1')).toBe('v1.3')
    expect(detectVersion('1.0.0')).toBe('v1.3')
    expect(detectVersion('v25.4.0')).toBe('v25.4')
    expect(detectVersion('v26.2.0')).toBe('v26.2')
    expect(detectVersion('v26.3.0')).toBe('head')
    expect(detectVersion('head')).toBe('head')
    // `latest` follows the newest release on Docker Hub, not the main branch (QA N16).
    expect(detectVersion('latest')).toBe('v26.2')
    expect(detectVersion('master')).toBe('head')
    expect(detectVersion(undefined)).toBeUndefined()
    expect(detectVersion('v0.11.1')).toBeUndefined()
  })

  it('reads `version:` in a Kratos config but not a compose file version', () => {
    expect(detectVersion('version: v1.3.1\ndsn: memory\n')).toBe('v1.3')
    expect(detectVersion("version: '3.7'\nservices: {}\n")).toBeUndefined()
  })

  it('reads image tags in compose, Kubernetes and Helm', () => {
    expect(
      detectVersion("version: '3.7'\nservices:\n  kratos:\n    image: oryd/kratos:v1.3.1\n"),
    ).toBe('v1.3')
    expect(detectVersion('image: "docker.io/oryd/kratos:v26.2.0-distroless"')).toBe('v26.2')
    expect(detectVersion('image:\n  repository: oryd/kratos\n  tag: v25.4.0\n')).toBe('v25.4')
    expect(detectVersion('services:\n  kratos:\n    image: oryd/kratos:latest\n')).toBe('v26.2')
  })
})

describe('csrfCookieName', () => {
  it('is csrf_token_ + sha256 hex of the exact base URL string (FACTS.md §4.2)', () => {
    const url = 'http://127.0.0.1:4433/'
    expect(csrfCookieName(url)).toBe(`csrf_token_${createHash('sha256').update(url).digest('hex')}`)
    expect(csrfCookieName(url)).toMatch(/^csrf_token_[0-9a-f]{64}$/)
    expect(csrfCookieName('http://127.0.0.1:4433')).not.toBe(csrfCookieName(url))
    expect(csrfCookieName('https://127.0.0.1:4433/')).not.toBe(csrfCookieName(url))
  })
})

describe('a release outside every modelled line', () => {
  it('is named with the line it is checked as, from the flag, an image tag or version:', async () => {
    const cwd = tempFiles({
      'kratos.yml': 'version: v1.1.0\ndsn: memory\n',
      'compose.yml': 'services:\n  kratos:\n    image: oryd/kratos:v27.0.1-distroless\n',
      'current.yml': 'version: v26.2.0\ndsn: memory\n',
    })
    const warnings = async (inputs: string[], kratosVersion?: string) =>
      (await loadDeployment(inputs, { cwd, ...(kratosVersion ? { kratosVersion } : {}) })).warnings
    expect(await warnings(['kratos.yml'])).toContain(
      'Kratos v1.1.0 is older than the oldest line aegis models: checked as v1.3',
    )
    expect(await warnings(['compose.yml'])).toContain(
      'Kratos v27.0.1 is newer than the newest release aegis models (v26.2): checked as head',
    )
    expect(await warnings(['current.yml'], '26.4.0')).toContain(
      'Kratos 26.4.0 is newer than the newest release aegis models (v26.2): checked as head',
    )
    // Inside a modelled line, or a name rather than a release: nothing to say.
    for (const version of [undefined, 'v1.3.2', 'v25.0.0', 'latest', 'head'])
      expect((await warnings(['current.yml'], version)).join('\n')).not.toMatch(/checked as/)
  })
})
