import { describe, expect, it } from 'vitest'
import { viewFromObject } from '../config/index.ts'
import { runRules } from '../engine/run-rules.ts'
import { getProfile } from '../profiles/index.ts'
import rule from './return-url-unsafe.ts'

const run = (
  tree: Record<string, unknown>,
  options: Parameters<typeof viewFromObject>[1] = {},
  profile = 'baseline',
) => runRules(viewFromObject(tree, options), getProfile(profile), [rule])

const urls = (list: string[]) => ({ selfservice: { allowed_return_urls: list } })

describe('return-url-unsafe', () => {
  it('reports wildcards and remote http', () => {
    const found = run(
      urls(['https://*.example.com', 'http://app.example.com/cb', 'https://app.example.com']),
    )
    expect(found).toHaveLength(2)
    expect(found.find((f) => f.message.includes('open redirect'))?.message).toContain(
      'https://*.example.com',
    )
  })

  it('accepts https, loopback http and custom schemes', () => {
    expect(
      run(
        urls([
          'https://app.example.com',
          'http://localhost:4455',
          'exp://localhost:8081/--/Callback',
        ]),
      ),
    ).toEqual([])
  })
})
