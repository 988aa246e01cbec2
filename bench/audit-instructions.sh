#!/usr/bin/env bash
# Instructions per config of the audit engine's warm pass, independent of the machine's load:
# callgrind over 2 and 4 passes of bench/audit-passes.mjs (300 configs each), the difference
# divided by 600. `--single-threaded` keeps V8's compiler and GC on the counted thread; fixed
# hash and random seeds (`--predictable`) make two runs of the same build agree to about 0.1 %
# (3,120,684,196 and 3,123,009,496 instructions for one pass), where a random hash seed let them
# differ by several per cent. `SEED=n` picks other seeds (6c0d011: 2.69, 2.73, 2.71 M for 7, 8, 9).
# Needs valgrind and `npm run build`; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    node --single-threaded --predictable --hash-seed="${SEED:-7}" --random-seed="${SEED:-7}" bench/audit-passes.mjs "$1" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
two=$(count 2)
four=$(count 4)
echo "engine, warm pass: $(((four - two) / 600)) instructions per config"
