// Probe speed: the whole non-browser suite against the local double, as the CLI runs it.
import { spawnSync } from 'node:child_process'
import { root, startDouble } from './lib.mjs'

// The identity the double creates is the one the probe signs in with.
const identity = 'probe@example.test:probe-password-123'

export const benchProbe = async () => {
  const kratos = await startDouble(['--identity', identity])
  try {
    const runs = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const r = spawnSync(
        process.execPath,
        [
          `${root}packages/aegis/bin/aegis.js`,
          'probe',
          '--public-url',
          kratos.publicUrl,
          '--admin-url',
          kratos.adminUrl,
          '--identity',
          identity,
          '--allow-intrusive',
          '--format',
          'json',
        ],
        { cwd: root, encoding: 'utf8' },
      )
      runs.push(performance.now() - t)
      if (r.status === 2) throw new Error(`probe failed: ${r.stderr}`)
    }
    return { medianMs: [...runs].sort((a, b) => a - b)[1] }
  } finally {
    await kratos.stop()
  }
}
