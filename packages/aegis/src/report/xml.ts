/** XML 1.0 text and attribute escaping; characters XML 1.0 forbids (§2.2 Char) are dropped. */
const allowed = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  cp >= 0x10000

/** Iterating a string yields code points, so a lone surrogate comes out alone and is dropped. */
const xmlChars = (text: string): string => {
  let out = ''
  for (const ch of text) if (allowed(ch.codePointAt(0) ?? 0)) out += ch
  return out
}

export const xmlText = (text: string): string =>
  xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const xmlAttr = (text: string): string =>
  xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
