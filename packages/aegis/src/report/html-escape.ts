/** HTML escaping for text and attribute values (HTML Standard §13.1.2.6: the five specials). */
export const esc = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

/** Only plain base64 may go into a data: URL, so a crafted "screenshot" cannot break out. */
export const isBase64 = (text: string): boolean =>
  text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text)

/** Compact Go-style duration for labels: 720h, 15m, 90s, 1h30m. */
export const shortDuration = (seconds: number): string => {
  const s = Math.round(seconds)
  if (s <= 0) return '0s'
  // Beyond 1000h, days read better (8760h is a year); Kratos configs write hours up to there.
  if (s >= 1000 * 3600 && s % 86400 === 0) return `${s / 86400}d`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${rest > 0 ? `${rest}s` : ''}`
}
