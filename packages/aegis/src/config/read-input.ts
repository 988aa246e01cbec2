/**
 * Reads one input file defensively: a missing, unreadable, oversized or binary file becomes one
 * AegisError naming the file, never a stack trace or a hang (issue 2, "bad input").
 */
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { AegisError } from '../errors.ts'

/** Kratos configs are a few KB; 5 MiB leaves room for large Helm values without reading a 50 MB file. */
export const maxFileBytes = 5 * 1024 * 1024
/** A Kubernetes directory of manifests rarely has more than a few dozen files. */
export const maxDirectoryFiles = 500

const ioError = (file: string, error: unknown): AegisError => {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AegisError('AEGIS_FILE_NOT_FOUND', 'no such file or directory', {
      position: { file },
    })
  }
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'I/O error')
  return new AegisError('AEGIS_FILE_UNREADABLE', `cannot read the file: ${reason}`, {
    position: { file },
  })
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/** Returns the text of a regular file, BOM removed. */
export const readTextFile = async (file: string, display = file): Promise<string> => {
  let handle
  try {
    // A FIFO or device would block or never end: only regular files are opened.
    const info = await stat(file)
    if (!info.isFile() && !info.isDirectory()) {
      throw new AegisError('AEGIS_FILE_UNREADABLE', 'not a regular file', {
        position: { file: display },
      })
    }
    handle = await open(file, 'r')
  } catch (error) {
    if (error instanceof AegisError) throw error
    throw ioError(display, error)
  }
  try {
    const info = await handle.stat()
    if (info.isDirectory()) {
      throw new AegisError('AEGIS_UNSUPPORTED_INPUT', 'is a directory, expected a file', {
        position: { file: display },
      })
    }
    if (info.size > maxFileBytes) {
      throw new AegisError(
        'AEGIS_FILE_TOO_LARGE',
        `the file has ${info.size} bytes; the limit is ${maxFileBytes}`,
        {
          position: { file: display },
          hint: 'pass the Kratos configuration itself, not an archive or log',
        },
      )
    }
    const buffer = Buffer.alloc(Math.min(info.size, maxFileBytes + 1))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > maxFileBytes) {
      throw new AegisError(
        'AEGIS_FILE_TOO_LARGE',
        `the file is larger than ${maxFileBytes} bytes`,
        {
          position: { file: display },
        },
      )
    }
    return decodeText(display, buffer.subarray(0, bytesRead))
  } catch (error) {
    if (error instanceof AegisError) throw error
    throw ioError(display, error)
  } finally {
    await handle.close()
  }
}

const decodeText = (file: string, bytes: Buffer): string => {
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    throw new AegisError('AEGIS_FILE_BINARY', `the file contains a NUL byte at offset ${nul}`, {
      position: { file },
      hint: 'the input must be YAML, JSON, TOML or a .env file',
    })
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    throw new AegisError('AEGIS_FILE_BINARY', 'the file is not valid UTF-8 text', {
      position: { file },
    })
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

export const isDirectory = async (path: string, display = path): Promise<boolean> => {
  try {
    return (await stat(path)).isDirectory()
  } catch (error) {
    throw ioError(display, error)
  }
}

const manifestExtensions = /\.(ya?ml|json)$/i

/** The YAML/JSON files of a directory (not recursive), sorted, capped in number. */
export const listManifestFiles = async (dir: string, display = dir): Promise<string[]> => {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    throw ioError(display, error)
  }
  if (names.length > maxDirectoryFiles) {
    throw new AegisError(
      'AEGIS_TOO_MANY_FILES',
      `the directory holds ${names.length} entries; the limit is ${maxDirectoryFiles}`,
      { position: { file: display } },
    )
  }
  return names
    .filter((n) => manifestExtensions.test(n))
    .sort()
    .map((n) => join(dir, n))
}
