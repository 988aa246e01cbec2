#!/usr/bin/env bash
# Instructions per config of the audit engine's warm pass, independent of the machine's load:
# callgrind over 2 and 4 passes of bench/audit-passes.mjs (300 configs each), the difference
# divided by 600. `--single-threaded` keeps V8's compiler and GC on the counted thread.
# Needs valgrind and `npm run build`; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    node --single-threaded bench/audit-passes.mjs "$1" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
two=$(count 2)
four=$(count 4)
echo "engine, warm pass: $(((four - two) / 600)) instructions per config"
