#!/usr/bin/env bash
# Checks the statistics report of a generated month in headless Chromium with ../shared/tools/site_check.py
# (console errors, failed requests, axe-core accessibility rules) and takes its screenshots. axe-core
# 4.4 comes from the PyPI package axe-core-python (only its bundled axe.min.js is used, so without its
# dependencies), installed with websocket-client in bench/.venv.
#   bash scripts/check-statistics-report.sh [OUT]     # default docs/screenshots; prints the checker's verdict
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
CHECK=../shared/tools/site_check.py
[ -f "$CHECK" ] || { echo "$CHECK is missing" >&2; exit 2; }
command -v chromium >/dev/null || { echo "chromium is not installed (Debian package chromium)" >&2; exit 2; }
if [ ! -x bench/.venv/bin/python ] || ! bench/.venv/bin/python -c "import websocket" 2>/dev/null; then
  python3 -m venv bench/.venv && bench/.venv/bin/pip -q install websocket-client
fi
AXE=$(find bench/.venv -path '*axe_core_python/axe.min.js' | head -1)
if [ -z "$AXE" ]; then
  bench/.venv/bin/pip -q install --no-deps axe-core-python
  AXE=$(find bench/.venv -path '*axe_core_python/axe.min.js' | head -1)
fi
swift build -c release >/dev/null
BIN=$(swift build -c release --show-bin-path)
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$BIN/memoria-bench" synth-logs --dir "$D" --lines 200000 >/dev/null
sed 's|^  hosts: \[\]|  hosts: [memoria.hidalgo.gob.mx]|' pipeline.yaml > "$D/pipeline.yaml"
MEMORIA_FIXED_TIME=2026-12-01T18:00:00Z "$BIN/memoria" estadisticas "$D/access.log" --config "$D/pipeline.yaml" --salida "$D/informe" -q >/dev/null
. scripts/lib/check-report-page.sh
check_report_page "$D/informe" estadisticas
exit "$status"
