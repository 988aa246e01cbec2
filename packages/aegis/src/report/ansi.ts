/** The few SGR codes the text reporter uses; identity functions when colour is off. */
export interface Paint {
  readonly bold: (s: string) => string
  readonly dim: (s: string) => string
  readonly red: (s: string) => string
  readonly yellow: (s: string) => string
  readonly blue: (s: string) => string
  readonly cyan: (s: string) => string
  readonly magenta: (s: string) => string
  readonly green: (s: string) => string
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`

const plain = (s: string): string => s

export const paint = (color: boolean): Paint =>
  color
    ? {
        bold: sgr(1, 22),
        dim: sgr(2, 22),
        red: sgr(31, 39),
        yellow: sgr(33, 39),
        blue: sgr(34, 39),
        cyan: sgr(36, 39),
        magenta: sgr(35, 39),
        green: sgr(32, 39),
      }
    : {
        bold: plain,
        dim: plain,
        red: plain,
        yellow: plain,
        blue: plain,
        cyan: plain,
        magenta: plain,
        green: plain,
      }

/**
 * Colour policy of https://no-color.org and the FORCE_COLOR convention (Node, chalk):
 * FORCE_COLOR (not "0"/"false") wins, then a non-empty NO_COLOR disables, else follow the TTY.
 */
export const shouldColor = (
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean => {
  const force = env['FORCE_COLOR']
  if (force !== undefined && force !== '0' && force !== 'false') return true
  if (force === '0' || force === 'false') return false
  const noColor = env['NO_COLOR']
  if (noColor !== undefined && noColor !== '') return false
  return isTTY
}
