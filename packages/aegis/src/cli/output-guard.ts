/**
 * `--output` must not name a file the run read: the report would replace the Kratos config (or
 * the compose file, .env, manifest) with no backup (QA L12). Files are compared by device and
 * inode, so another spelling, a symlink or a hard link to an input is refused too.
 */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AegisError } from '../errors.ts'

const identity = async (path: string): Promise<string | undefined> => {
  try {
    const s = await stat(path)
    return s.isFile() ? `${s.dev}:${s.ino}` : undefined
  } catch {
    return undefined
  }
}

export const refuseOutputOverInput = async (
  output: string,
  cwd: string,
  read: Iterable<string>,
): Promise<void> => {
  const target = await identity(resolve(cwd, output))
  // A file that does not exist yet cannot be one of the inputs.
  if (target === undefined) return
  for (const file of read) {
    if ((await identity(resolve(cwd, file))) !== target) continue
    throw new AegisError('AEGIS_USAGE', `--output ${output} is one of the inputs (${file})`, {
      hint: 'write the report to another file; the input was left as it was',
    })
  }
}
