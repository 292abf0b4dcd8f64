#!/usr/bin/env bash
# Renders a compare or sweep report.html in headless Chromium and checks what a reader sees: the
# results (or chosen settings) heading, a "mean ± sd" cell, and no section titled with a file name.
# With a second argument it also saves a screenshot of the page as rendered.
#
#   scripts/check-report.sh runs/main/report.html [runs/main/report.png]
#
# Needs chromium (Debian: apt-get install chromium); not part of the build or of CI.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
  exit 2
fi
report="$(realpath "$1")"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "check-report: no chromium on PATH (apt-get install chromium)" >&2
  exit 2
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# a throw-away profile and no background traffic: the page itself fetches nothing
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile")

dom="$("$browser" "${flags[@]}" --dump-dom "file://$report" 2>/dev/null)"

failures=0
check() { # check DESCRIPTION PATTERN: the rendered DOM matches the extended regular expression
  if grep -Eq -- "$2" <<<"$dom"; then
    echo "ok:   $1"
  else
    echo "FAIL: $1" >&2
    failures=$((failures + 1))
  fi
}
check "a results or chosen-settings heading" '<h2>(Results|Chosen settings)</h2>'
check "a settings section" '<h2>Settings that differ from the defaults</h2>'
if grep -q '<h2>Results</h2>' <<<"$dom"; then
  check "a mean ± sd cell" '<td class="num[^"]*">(<strong>)?[0-9.]+ ± [0-9.]+'
  check "the best cell of a column marked" '<td class="num best"><strong>'
else
  check "the chosen point marked" '<tr class="chosen">'
fi
if grep -Eq '<h[1-6][^>]*>[^<]*\.png' <<<"$dom"; then
  echo "FAIL: a heading names a file (.png)" >&2
  failures=$((failures + 1))
else
  echo "ok:   no heading names a file"
fi
if grep -q '<script' <<<"$dom"; then
  echo "FAIL: the page has a script" >&2
  failures=$((failures + 1))
fi

if [[ $# -eq 2 ]]; then
  screenshot="$(realpath -m "$2")"
  "$browser" "${flags[@]}" --hide-scrollbars --window-size=1280,2000 --screenshot="$screenshot" "file://$report" \
    >/dev/null 2>&1
  [[ -s "$screenshot" ]] && echo "screenshot: $screenshot" || { echo "FAIL: no screenshot written" >&2; failures=$((failures + 1)); }
fi

if ((failures > 0)); then
  echo "check-report: $failures check(s) failed for $report" >&2
  exit 1
fi
echo "check-report: $report reads as a report"
