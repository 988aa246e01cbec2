/**
 * The rotation state file (default `.aegis-rotation.json` beside the config): for each secret,
 * by fingerprint only, when it was first seen, when it entered first place (began signing) and
 * when it left it (began only verifying). It never holds a secret value.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { AegisError } from '../errors.ts'
import { sha256, writeFileSafely } from '../fix/safe-write.ts'
import type { Purpose } from './secret-sources.ts'

export interface SecretRecord {
  /** `sha256:` + the first 16 hex digits of SHA-256(secret): enough to tell secrets apart. */
  readonly fingerprint: string
  readonly firstSeenAt: string
  /** When it became `secrets.<purpose>[0]`; absent when it was never first while tracked. */
  readonly enteredFirstAt?: string
  /** When another secret replaced it in first place: from then on nothing new is signed with it. */
  readonly leftFirstAt?: string
}

export interface RotationState {
  readonly version: 1
  readonly purposes: Readonly<Partial<Record<Purpose, readonly SecretRecord[]>>>
}

export const emptyState: RotationState = { version: 1, purposes: {} }

export const fingerprint = (secret: string): string =>
  `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16)}`

const isRecord = (r: unknown): r is SecretRecord =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as SecretRecord).fingerprint === 'string' &&
  typeof (r as SecretRecord).firstSeenAt === 'string'

export interface LoadedState {
  readonly state: RotationState
  /** SHA-256 of the file as read (null when absent), for the changed-on-disk check. */
  readonly hash: string | null
}

export const readState = async (file: string): Promise<LoadedState> => {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyState, hash: null }
    throw new AegisError('AEGIS_FILE_UNREADABLE', `cannot read ${file}`, { cause: error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new AegisError('AEGIS_PARSE', `${file} is not valid JSON`, { position: { file } })
  }
  const p = parsed as Partial<RotationState>
  const lists = Object.values(p.purposes ?? {})
  if (p.version !== 1 || !lists.every((l) => Array.isArray(l) && l.every(isRecord))) {
    throw new AegisError('AEGIS_BAD_VALUE', `${file} is not an aegis rotation state file`, {
      position: { file },
    })
  }
  return { state: p as RotationState, hash: sha256(text) }
}

export const writeState = async (
  file: string,
  loaded: LoadedState,
  state: RotationState,
): Promise<void> => {
  await writeFileSafely(file, `${JSON.stringify(state, null, 2)}\n`, {
    expectedHash: loaded.hash,
    backup: false,
  })
}
