/** Just enough of a DSN to judge it, never returning the password (FACTS.md §1.5). */
export interface DsnInfo {
  readonly scheme: string
  readonly host: string | undefined
  readonly hasPassword: boolean
  readonly params: URLSearchParams
}

export const parseDsn = (dsn: string): DsnInfo | null => {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/]*)@)?([^/?]*)([^?]*)(?:\?(.*))?$/i.exec(dsn)
  if (m === null) return null
  const auth = m[2] ?? ''
  const hostPart = m[3] ?? ''
  const host = /^(?:tcp|unix)\(([^)]*)\)$/.exec(hostPart)?.[1] ?? hostPart
  return {
    scheme: (m[1] ?? '').toLowerCase(),
    host: host === '' ? undefined : host.replace(/:\d+$/, ''),
    hasPassword: auth.includes(':') && auth.split(':')[1] !== '',
    params: new URLSearchParams(m[5] ?? ''),
  }
}

export const dialectOf = (
  scheme: string,
): 'postgres' | 'mysql' | 'cockroach' | 'sqlite' | undefined => {
  if (['postgres', 'postgresql', 'pg', 'pgx'].includes(scheme)) return 'postgres'
  if (scheme === 'mysql') return 'mysql'
  if (['cockroach', 'cockroachdb', 'crdb'].includes(scheme)) return 'cockroach'
  if (['sqlite', 'sqlite3'].includes(scheme)) return 'sqlite'
  return undefined
}
