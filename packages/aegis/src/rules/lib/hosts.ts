/** URL and host helpers: loopback detection and the registrable-domain checks cookies need. */

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

export const isLoopbackHost = (host: string): boolean => {
  const h = host.toLowerCase()
  return loopbackNames.has(h) || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h)
}

export const parseUrl = (text: string): URL | null => {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** `http://` to a host other than loopback: readable and changeable on the network. */
export const isPlainHttpRemote = (text: string): boolean => {
  const url = parseUrl(text)
  return url !== null && url.protocol === 'http:' && !isLoopbackHost(url.hostname)
}

/**
 * A small excerpt of the Public Suffix List (publicsuffix.org): the suffixes and shared-hosting
 * domains where a Domain cookie would reach every other customer. Not exhaustive by design; a
 * miss only lowers the severity from critical to the rule's default.
 */
const publicSuffixes = new Set([
  'com',
  'net',
  'org',
  'io',
  'dev',
  'app',
  'co',
  'me',
  'info',
  'biz',
  'eu',
  'de',
  'uk',
  'fr',
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'co.jp',
  'com.br',
  'co.nz',
  'co.in',
  'github.io',
  'gitlab.io',
  'herokuapp.com',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'workers.dev',
  'azurewebsites.net',
  'cloudfront.net',
  'appspot.com',
  'web.app',
  'firebaseapp.com',
  'onrender.com',
  'fly.dev',
  'ngrok.io',
  'ngrok-free.app',
])

export const isPublicSuffix = (domain: string): boolean =>
  publicSuffixes.has(domain.toLowerCase().replace(/^\./, '').replace(/\.$/, ''))
