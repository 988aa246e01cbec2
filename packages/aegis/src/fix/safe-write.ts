/**
 * Writing user files safely: refuse when the file changed since it was read (another editor, a
 * concurrent run), keep a backup of the original, and replace atomically (temp file in the same
 * directory, fsync, rename) so a crash never leaves half a config behind.
 */
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { copyFile, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { AegisError } from '../errors.ts'

export const sha256 = (text: string | Uint8Array): string =>
  createHash('sha256').update(text).digest('hex')

export interface WriteOptions {
  /** SHA-256 of the content the edit was computed from; the write is refused if it differs now. */
  readonly expectedHash: string | null
  /** Keep `<file>.aegis.bak` with the original content (default true when the file exists). */
  readonly backup?: boolean
  /** Permission bits for a new file, e.g. 0o600 for anything holding a secret. */
  readonly mode?: number
}

const currentHash = async (file: string): Promise<string | null> => {
  try {
    return sha256(await readFile(file))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export const writeFileSafely = async (
  shown: string,
  text: string,
  options: WriteOptions,
): Promise<void> => {
  // Write through a symlink to its target: renaming over the link would replace it with a plain
  // file and leave the real config (a shared file, a mounted ConfigMap) unchanged.
  const file = await realpath(shown).catch(() => shown)
  const tmp = join(dirname(file), `.${basename(file)}.aegis-${randomBytes(6).toString('hex')}.tmp`)
  const existing = await stat(file).catch(() => null)
  const mode = existing ? existing.mode & 0o777 : (options.mode ?? 0o644)
  try {
    const handle = await open(tmp, 'wx', mode)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    // Checked as late as possible, right before the rename: anything that changed the file since
    // it was read would otherwise be silently overwritten (CWE-367 narrows to this window).
    if ((await currentHash(file)) !== options.expectedHash) {
      throw new AegisError('AEGIS_FILE_CHANGED', `${shown} changed on disk since it was read`, {
        position: { file: shown },
        hint: 'run the command again on the current content',
      })
    }
    if (existing && options.backup !== false) await copyFile(file, `${file}.aegis.bak`)
    await rename(tmp, file)
  } catch (error) {
    await rm(tmp, { force: true })
    if (error instanceof AegisError) throw error
    throw new AegisError('AEGIS_WRITE_FAILED', `cannot write ${shown}`, {
      position: { file: shown },
      cause: error,
    })
  }
}

const run = promisify(execFile)

/**
 * True when git tracks the file: a secret written there ends up in history (ASVS 5.0 13.3.1:
 * secrets never in source). Outside a repository, or without git, the file counts as untracked.
 */
export const isGitTracked = async (file: string): Promise<boolean> => {
  try {
    await run('git', ['ls-files', '--error-unmatch', '--', basename(file)], {
      cwd: dirname(file),
      timeout: 10_000,
    })
    return true
  } catch {
    return false
  }
}
