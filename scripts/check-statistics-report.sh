#!/usr/bin/env bash
# Checks the statistics report of a generated month in headless Chromium with ../shared/tools/site_check.py
# (console errors, failed requests, axe-core accessibility rules) and takes its screenshots. axe-core
# comes from the PyPI package axe-selenium-python, installed with websocket-client in bench/.venv.
#   bash scripts/check-statistics-report.sh [OUT]     # default docs/screenshots; prints the checker's verdict
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
CHECK=../shared/tools/site_check.py
[ -f "$CHECK" ] || { echo "$CHECK is missing" >&2; exit 2; }
command -v chromium >/dev/null || { echo "chromium is not installed (Debian package chromium)" >&2; exit 2; }
if ! bench/.venv/bin/python -c "import websocket, axe_selenium_python" 2>/dev/null; then
  python3 -m venv bench/.venv && bench/.venv/bin/pip -q install websocket-client axe-selenium-python
fi
AXE=$(bench/.venv/bin/python -c "import axe_selenium_python, glob, os; print(next(iter(glob.glob(os.path.join(os.path.dirname(axe_selenium_python.__file__), '**', 'axe.min.js'), recursive=True)), ''))")
swift build -c release >/dev/null
BIN=$(swift build -c release --show-bin-path)
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$BIN/memoria-bench" synth-logs --dir "$D" --lines 200000 >/dev/null
sed 's|^  hosts: \[\]|  hosts: [memoria.hidalgo.gob.mx]|' pipeline.yaml > "$D/pipeline.yaml"
MEMORIA_FIXED_TIME=2026-12-01T18:00:00Z "$BIN/memoria" estadisticas "$D/access.log" --config "$D/pipeline.yaml" --salida "$D/informe" -q >/dev/null
mkdir -p "$D/shots" "$OUT"
status=0
bench/.venv/bin/python "$CHECK" "$D/informe" --start informe.html --a11y ${AXE:+--axe-js "$AXE"} --browser-pages 1 \
  --screenshots "$D/shots" --max-shot-height 9000 --out "$D/check.json" >/dev/null || status=$?
python3 - "$D/check.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("problems:", r.get("problems"))
print("warnings:", r.get("warnings"))
print("axe source:", r.get("axe_source"))
PY
cp "$D/shots/informe_html-desktop.png" "$OUT/estadisticas-1366.png"
cp "$D/shots/informe_html-mobile.png" "$OUT/estadisticas-390.png"
ls "$OUT"/estadisticas-*
exit "$status"
