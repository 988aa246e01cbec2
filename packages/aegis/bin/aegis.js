#!/usr/bin/env -S node --
// `--` ends Node's own options: Node 20 otherwise reads an `--env-file` given to aegis as its own
// flag (and exits 9 when that file is missing).
import { fileURLToPath } from 'node:url'
import { launch } from '../dist/cli/launch.js'

// The bundled CLI with a code cache when it is current, else dist/cli/run.js (src/cli/launch.ts).
await launch(fileURLToPath(new URL('../dist/', import.meta.url)))
