import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../../config/index.ts'
import { classifyOrigin, unboundedHonoured, unboundedWildcards } from './cors.ts'

describe('classifyOrigin (corsx.ClassifyOrigin)', () => {
  it('bounds a wildcard only at a registrable domain, ignoring the port', () => {
    expect(classifyOrigin('https://app.example.com')).toEqual({
      wildcard: false,
      bounded: false,
      base: '',
    })
    expect(classifyOrigin('https://*.example.com')).toEqual({
      wildcard: true,
      bounded: true,
      base: 'example.com',
    })
    expect(classifyOrigin('https://*.Example.com:8443')).toMatchObject({
      bounded: true,
      base: 'example.com',
    })
    expect(classifyOrigin('https://*')).toEqual({ wildcard: true, bounded: false, base: '' })
    expect(classifyOrigin('https://*.com')).toMatchObject({ bounded: false, base: 'com' })
    expect(classifyOrigin('https://*.co.uk')).toMatchObject({ bounded: false, base: 'co.uk' })
    // The text from the `*` to its first dot is the wildcard label: `*foo.com` is bounded at com.
    expect(classifyOrigin('https://*foo.com')).toMatchObject({ bounded: false, base: 'com' })
    expect(classifyOrigin('https://*.example..com')).toMatchObject({ bounded: false })
  })

  it('lists the unbounded wildcards among strings only, leaving "*" to its own case', () => {
    expect(
      unboundedWildcards(['*', 'https://*', 'https://*.example.com', 42, 'https://*.com']),
    ).toEqual(['https://*', 'https://*.com'])
  })

  it('honours unbounded wildcards in released versions, on head only with the legacy flag', () => {
    expect(unboundedHonoured(viewFromObject({}, { version: 'v26.2' }))).toBe(true)
    expect(unboundedHonoured(viewFromObject({}, { version: 'head' }))).toBe(false)
    const legacy = { feature_flags: { legacy_allow_insecure_origins: true } }
    expect(unboundedHonoured(viewFromObject(legacy, { version: 'head' }))).toBe(true)
  })
})
