import { describe, expect, it } from 'vitest'
import { plantedSecrets, result, sources } from '../../../../test/fixtures/result.ts'
import { renderMarkdown } from './markdown.ts'

const cells = (row: string): number => row.replace(/\\\|/g, '').split('|').length - 2

describe('markdown reporter', () => {
  const md = renderMarkdown(result, { sources })

  it('matches the snapshot', async () => {
    await expect(md).toMatchFileSnapshot('__snapshots__/result.md')
  })

  it('has one table row per active finding, each with five cells', () => {
    const rows = md.split('\n').filter((l) => /^\| (🟥|🟧|🟨|🟦|⬜) /.test(l))
    expect(rows).toHaveLength(result.summary.total)
    for (const r of rows) expect(cells(r)).toBe(5)
    expect(md).toContain(
      '| 🟧 high | [session-lifespan-too-long](https://github.com/kratos-aegis/kratos-aegis/blob/main/docs/rules/session-lifespan-too-long.md) |',
    )
  })

  it('escapes HTML and Markdown from finding text', () => {
    expect(md).not.toContain('<script')
    expect(md).toContain(
      '&lt;script&gt;window.\\_\\_aegisPwned = 1&lt;/script&gt; &amp; "nothing" \\| ends',
    )
  })

  it('folds details, suppressed findings and units into balanced <details>', () => {
    expect(md.match(/<details>/g)).toHaveLength(3)
    expect(md.match(/<\/details>/g)).toHaveLength(3)
    expect(md).toContain('<summary>Suppressed (1)</summary>')
    expect(md).toContain('<summary>11 rules: 2 passed, 7 failed, 1 errored, 1 skipped</summary>')
  })

  it('never carries a planted secret', () => {
    for (const s of plantedSecrets) expect(md).not.toContain(s)
  })
})
