import { describe, expect, it, vi } from 'vitest'
import { createBrowserHandle } from './handle.ts'

// No Chromium is started: the launch succeeds with a stand-in, and the attacker site's server
// fails as a taken port would make it; the error must name the site, not Chromium.
const closed = vi.fn(() => Promise.resolve())
vi.mock('./launch.ts', () => ({
  launchChromium: () => Promise.resolve({ browser: {}, close: closed }),
}))
vi.mock('./attacker.ts', () => ({
  startAttackerSite: () => Promise.reject(new Error('listen EADDRINUSE: address already in use')),
}))

describe('createBrowserHandle', () => {
  it('says the attacker site did not start when it is the part that failed, and closes Chromium', async () => {
    const error = await createBrowserHandle()
      .launch()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'AEGIS_BROWSER_UNAVAILABLE',
      message:
        'the attacker site for the cross-site checks (a local server on 127.0.0.1) did not start: listen EADDRINUSE: address already in use',
    })
    expect(closed).toHaveBeenCalledOnce()
  })
})
