import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CommandIO } from '../command.ts'
import config from './config.ts'

const run = async (args: string[], cwd: string) => {
  let out = ''
  const io: CommandIO = {
    stdout: (t) => (out += t),
    stderr: () => undefined,
    isTTY: false,
    env: {},
    cwd,
  }
  const code = await config.run(['print', ...args], io)
  return { code, out }
}

const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

/** A fresh working directory, with the project configuration `file` when given. */
const project = async (file?: string, text = ''): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'aegis-print-'))
  dirs.push(dir)
  if (file !== undefined) await writeFile(join(dir, file), text)
  return dir
}

describe('aegis config print', () => {
  it('shows defaults when there is no project configuration', async () => {
    const { code, out } = await run([], await project())
    expect(code).toBe(0)
    expect(out).toContain('# project configuration: (none found)')
    expect(out).toMatch(/failOn +high +\(default\)/)
    expect(out).toMatch(/inlineSuppressions +true +\(default\)/)
    // The profile audit, probe and fix run when neither --profile nor the file names one.
    expect(out).toMatch(/^profile +baseline +\(default\)$/m)
  })

  it('names the default profile in JSON as in text', async () => {
    const json = JSON.parse((await run(['--format', 'json'], await project())).out)
    expect(json.profile).toEqual({ value: 'baseline', source: 'default' })
  })

  it('shows file values and flag overrides with their source', async () => {
    const dir = await project(
      'aegis.config.yaml',
      'profile: pci-dss-4\nfailOn: medium\nformat: sarif\nrules:\n  log-leak-sensitive-values: "off"\n',
    )
    const { out } = await run(['--fail-on', 'critical', 'kratos.yml'], dir)
    expect(out).toContain('# project configuration: aegis.config.yaml')
    expect(out).toMatch(/profile +pci-dss-4 +\(file\)/)
    expect(out).toMatch(/failOn +critical +\(flag\)/)
    expect(out).toMatch(/inputs +kratos.yml +\(flag\)/)
    expect(out).toMatch(/rules +log-leak-sensitive-values: off +\(file\)/)
    const json = JSON.parse((await run(['--json'], dir)).out)
    expect(json.format).toEqual({ value: 'sarif', source: 'file' })
    expect(json.configFile).toBe('aegis.config.yaml')
  })

  it('refuses an unknown profile id from the file with its position (QA L2)', async () => {
    const dir = await project('aegis.config.yaml', 'failOn: high\nprofile: asvs-l2\n')
    await expect(run([], dir)).rejects.toMatchObject({
      code: 'AEGIS_PROFILE_UNKNOWN',
      position: { file: 'aegis.config.yaml', line: 2, column: 10 },
    })
  })

  it('reports an invalid file as a tool error with its position', async () => {
    const dir = await project('aegis.config.json', '{\n  "failOn": "sometimes"\n}\n')
    await expect(run([], dir)).rejects.toMatchObject({
      code: 'AEGIS_CONFIG_INVALID',
      position: { file: 'aegis.config.json', line: 2, column: 13 },
    })
  })
})
