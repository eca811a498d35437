#!/usr/bin/env bash
# Builds the sample archive (the sample inbox ingested, one replica copied, then one more version
# not yet copied, an audit), writes the director's dashboard (memoria informe) and checks it in
# headless Chromium with ../shared/tools/site_check.py (console errors, failed requests, axe-core
# accessibility rules), as scripts/check-statistics-report.sh does for the statistics report; takes
# the screenshot docs/screenshots/informe-1366.png.
#   bash scripts/check-dashboard.sh [OUT]     # MEMORIA_BIN=path/to/memoria to skip the build
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
if [ -z "${MEMORIA_BIN:-}" ]; then
  swift build -c release >/dev/null
  MEMORIA_BIN=$(swift build -c release --show-bin-path)/memoria
fi
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
cp -r Fixtures/sample-inbox "$D/inbox"
sed -e 's/^  ocr: auto/  ocr: never/' -e 's/^  copy_quiet_seconds: 10/  copy_quiet_seconds: 0/' pipeline.yaml > "$D/pipeline.yaml"
printf '\nreplicas:\n  - name: disco-externo\n    path: replica\n' >> "$D/pipeline.yaml"
mkdir -p "$D/replica"
M() { "$MEMORIA_BIN" "$@" --config "$D/pipeline.yaml" --quiet >/dev/null 2>&1 || true; }
mv "$D/inbox/margarita-michelena" "$D/despues"
MEMORIA_FIXED_TIME=2026-10-14T17:00:00Z M ingest --now
MEMORIA_FIXED_TIME=2026-10-15T09:00:00Z M replicar
MEMORIA_FIXED_TIME=2026-11-02T09:00:00Z M verify
# A second deposit in November, not yet replicated.
mv "$D/despues" "$D/inbox/margarita-michelena"
MEMORIA_FIXED_TIME=2026-11-20T17:00:00Z M ingest --now
MEMORIA_FIXED_TIME=2026-12-01T09:00:00Z M verify --sample 50
MEMORIA_FIXED_TIME=2026-12-02T16:30:00Z "$MEMORIA_BIN" informe --config "$D/pipeline.yaml" --salida "$D/informe" -q
. scripts/lib/check-report-page.sh
check_report_page "$D/informe" informe
exit "$status"
