#!/usr/bin/env -S node --
// `--` ends Node's own options: Node 20 otherwise reads an `--env-file` given to aegis as its own
// flag (and exits 9 when that file is missing).
import '../dist/cli/main.js'
