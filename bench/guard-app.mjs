// One guard-bench app in a Node process of its own (bench/guard.mjs starts it for one row):
// `node bench/guard-app.mjs <framework> <variant> <double public URL> <double admin URL>`.
// Prints {"url": …} on one line once it listens on 127.0.0.1; closes on SIGTERM.
import { serveApp } from './guard.mjs'

const [framework, variant, publicUrl, adminUrl] = process.argv.slice(2)
const app = await serveApp(framework, variant, { publicUrl, adminUrl })
process.once('SIGTERM', () => {
  // A close that waits on a lingering connection must not keep the bench waiting.
  setTimeout(() => process.exit(0), 5_000).unref()
  Promise.resolve(app.close()).finally(() => process.exit(0))
})
process.stdout.write(`${JSON.stringify({ url: app.url })}\n`)
