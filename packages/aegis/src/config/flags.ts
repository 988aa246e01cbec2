/**
 * The Kratos command line as compose `command:`/`entrypoint:` and Kubernetes `args`/`command`
 * give it: `-c`/`--config` (repeated or a comma list, FACTS.md §3) and the flags that map to
 * schema keys (`--dev` → `dev`).
 */

export interface ParsedFlags {
  /** Config file paths in `-c` order. */
  readonly configFiles: string[]
  /** Schema keys set by flags, with the flag as written. */
  readonly keys: { path: string; value: unknown; flag: string }[]
}

/** Flags whose value Kratos merges into the config (cmd/serve/root.go binds `--dev` to `dev`). */
const keyFlags: Readonly<Record<string, string>> = { dev: 'dev' }

const parseBool = (text: string): boolean | undefined =>
  /^(1|t|true)$/i.test(text) ? true : /^(0|f|false)$/i.test(text) ? false : undefined

export const parseKratosArgs = (args: readonly string[]): ParsedFlags => {
  const configFiles: string[] = []
  const keys: ParsedFlags['keys'] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '--') break
    if (/^-c[^=-]/.test(arg)) {
      // `-c/etc/kratos.yml`: pflag accepts a shorthand glued to its value.
      configFiles.push(
        ...arg
          .slice(2)
          .split(',')
          .filter((p) => p !== ''),
      )
      continue
    }
    const m = /^(--?)([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg)
    if (m === null) continue
    const [, dashes, name = '', inline] = m
    if ((dashes === '-' && name === 'c') || (dashes === '--' && name === 'config')) {
      const value = inline ?? args[++i]
      if (value !== undefined) configFiles.push(...value.split(',').filter((p) => p !== ''))
      continue
    }
    if (dashes === '-' && name.startsWith('c') && name.length > 1 && inline === undefined) {
      // `-c/etc/kratos.yml`: pflag accepts a shorthand glued to its value.
      configFiles.push(
        ...name
          .slice(1)
          .split(',')
          .filter((p) => p !== ''),
      )
      continue
    }
    const path = dashes === '--' ? keyFlags[name] : undefined
    if (path !== undefined) {
      const value = inline === undefined ? true : parseBool(inline)
      if (value !== undefined) keys.push({ path, value, flag: `--${name}` })
    }
  }
  return { configFiles, keys }
}

/** Splits a command string the way compose does (POSIX shell words, no expansion). */
export const splitCommand = (text: string): string[] => {
  const out: string[] = []
  let word = ''
  let inWord = false
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (quote !== undefined) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i] ?? ''
      else word += c
    } else if (c === '"' || c === "'") {
      quote = c
      inWord = true
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i] ?? ''
      inWord = true
    } else if (/\s/.test(c)) {
      if (inWord) out.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (inWord) out.push(word)
  return out
}

/** A compose or Kubernetes command as a list of words. */
export const commandWords = (value: unknown): string[] => {
  if (typeof value === 'string') return splitCommand(value)
  if (Array.isArray(value)) return value.map((v) => String(v))
  return []
}
