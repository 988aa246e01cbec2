#!/usr/bin/env bash
# The audit step of action.yml: builds the command line from the action's inputs (passed in the
# environment, never spliced into the script), writes SARIF, adds a Markdown job summary and
# records the exit code (0 clean, 1 findings at or above fail-on, 2 tool error) as an output.
set -uo pipefail

# Node 20 reads `--env-file` anywhere in its argv unless `--` ends its own options, so both forms
# put `--` before the tool: without it, `--env-file` makes Node itself exit 9.
if [ -n "${AEGIS_VERSION:-}" ]; then
  aegis=(npx --yes -- "kratos-aegis@${AEGIS_VERSION}")
else
  aegis=(node -- "${AEGIS_ACTION_PATH:?}/packages/aegis/bin/aegis.js")
fi

# Whitespace-separated lists; globbing off so a pattern is passed as written.
set -f
# shellcheck disable=SC2206
inputs=(${AEGIS_INPUTS:-})
# shellcheck disable=SC2206
env_files=(${AEGIS_ENV_FILES:-})
set +f

args=(audit)
[ -n "${AEGIS_PROFILE:-}" ] && args+=(--profile "$AEGIS_PROFILE")
[ -n "${AEGIS_KRATOS_VERSION:-}" ] && args+=(--kratos-version "$AEGIS_KRATOS_VERSION")
for f in "${env_files[@]}"; do args+=(--env-file "$f"); done
[ -n "${AEGIS_BASELINE:-}" ] && args+=(--baseline "$AEGIS_BASELINE")
[ -n "${AEGIS_CONFIG:-}" ] && args+=(--config "$AEGIS_CONFIG")
[ "${AEGIS_INLINE:-true}" = "false" ] && args+=(--no-inline-suppressions)
# Without a fail-on input, aegis takes failOn from aegis.config.* (its own default is high).
gate=()
[ -n "${AEGIS_FAIL_ON:-}" ] && gate=(--fail-on "$AEGIS_FAIL_ON")
sarif="${AEGIS_SARIF:-kratos-aegis.sarif}"

"${aegis[@]}" "${args[@]}" "${gate[@]}" --format sarif --output "$sarif" "${inputs[@]}"
code=$?

# Anything but 0 and 1 is a tool error (2 from aegis; other codes from Node or npx): report it as 2.
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then code=2; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >>"$GITHUB_OUTPUT"
  echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
fi
if [ "$code" -ne 2 ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "${aegis[@]}" "${args[@]}" --fail-on none --format markdown "${inputs[@]}" >>"$GITHUB_STEP_SUMMARY" || true
fi
echo "kratos-aegis: exit code $code, SARIF in $sarif"
exit 0
