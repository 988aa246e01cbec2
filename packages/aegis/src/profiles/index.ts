/** Every policy profile, by id; `baseline` is the default. */
import { AegisError } from '../errors.ts'
import { closest } from '../kratos/suggest.ts'
import { asvs4L1, asvs4L2, asvs4L3 } from './asvs4.ts'
import { asvs5L1, asvs5L2, asvs5L3 } from './asvs5.ts'
import { baseline } from './baseline.ts'
import { nistAal1, nistAal2, nistAal3 } from './nist.ts'
import { nist3Aal2, nist3Aal3 } from './nist3.ts'
import { owaspHighValue, pciDss4 } from './others.ts'
import type { Profile } from './types.ts'

export type * from './types.ts'

export const defaultProfileId = 'baseline'

/**
 * Standards set no number for flow lifetimes or the re-authentication window; every profile
 * inherits the baseline's (Kratos' own defaults) unless it sets its own.
 */
const inherit = (p: Profile): Profile => ({
  ...p,
  limits: {
    ...(baseline.limits.privilegedSessionMaxAge === undefined
      ? {}
      : { privilegedSessionMaxAge: baseline.limits.privilegedSessionMaxAge }),
    ...(baseline.limits.flowLifespan === undefined
      ? {}
      : { flowLifespan: baseline.limits.flowLifespan }),
    ...p.limits,
  },
})

export const profiles: readonly Profile[] = [
  baseline,
  ...[
    asvs4L1,
    asvs4L2,
    asvs4L3,
    asvs5L1,
    asvs5L2,
    asvs5L3,
    nistAal1,
    nistAal2,
    nistAal3,
    nist3Aal2,
    nist3Aal3,
    pciDss4,
    owaspHighValue,
  ].map(inherit),
]

/** The hint for an id no profile has, --profile or aegis.config's `profile:`: the nearest id, else all. */
export const unknownProfileHint = (id: string): string => {
  const ids = profiles.map((p) => p.id)
  const near = closest(id, ids)
  return near === undefined
    ? `known profiles: ${ids.join(', ')}`
    : `did you mean '${near}'? (aegis profiles lists them)`
}

export const getProfile = (id: string): Profile => {
  const found = profiles.find((p) => p.id === id)
  if (found === undefined) {
    throw new AegisError('AEGIS_PROFILE_UNKNOWN', `unknown profile '${id}'`, {
      hint: unknownProfileHint(id),
    })
  }
  return found
}
