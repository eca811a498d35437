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
pages = r.get("browser_pages") or r.get("pages") or []
if isinstance(pages, list):
    print("pages opened in Chromium:", len(pages),
          "| console errors:", sum(len(p.get("console_errors", [])) for p in pages if isinstance(p, dict)),
          "| axe version:", [((p.get("a11y") or {}).get("axe") or {}).get("version") for p in pages if isinstance(p, dict)],
          "| axe violations:", sum(len(((p.get("a11y") or {}).get("axe") or {}).get("violations", []) or []) for p in pages if isinstance(p, dict)))
PY
cp "$D/shots/informe_html-desktop.png" "$OUT/estadisticas-1366.png"
cp "$D/shots/informe_html-mobile.png" "$OUT/estadisticas-390.png"
ls "$OUT"/estadisticas-*
exit "$status"
