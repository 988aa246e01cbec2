#!/usr/bin/env -S node --
// `--` ends Node's own options: Node 20 otherwise reads an `--env-file` given to aegis as its own
// flag (and exits 9 when that file is missing).
import { statSync } from 'node:fs'

const dist = new URL('../dist/', import.meta.url)
const mtime = (name) => statSync(new URL(name, dist), { throwIfNoEntry: false })?.mtimeMs

// The bundle (scripts/build-cli.mjs) starts in about half the time of dist/cli/'s ~240 modules.
// It is built after tsc: when tsc emitted since (`tsc -b` alone while developing), or when it is
// missing, dist/cli/main.js runs instead, so a stale bundle never answers.
const bundle = mtime('cli-bundle/aegis.js')
const fresh = bundle !== undefined && bundle >= (mtime('.tsbuildinfo') ?? 0)
// Stack traces (AEGIS_DEBUG=1) point into the TypeScript sources.
if (process.env.AEGIS_DEBUG === '1') process.setSourceMapsEnabled(true)
await import(fresh ? '../dist/cli-bundle/aegis.js' : '../dist/cli/main.js')
