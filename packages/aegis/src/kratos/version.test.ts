import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
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
