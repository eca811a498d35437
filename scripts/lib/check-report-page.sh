# Sourced by scripts/check-statistics-report.sh and scripts/check-dashboard.sh: opens a report folder's
# informe.html with ../shared/tools/site_check.py (Chromium, axe), prints what it found, and copies the
# desktop and phone screenshots to $OUT/<name>-1366.png and -390.png. Uses $CHECK, $AXE, $OUT and $D.
# Sets $status to site_check's exit code.
check_report_page() {
  local folder=$1 name=$2
  mkdir -p "$D/shots" "$OUT"
  status=0
  bench/.venv/bin/python "$CHECK" "$folder" --start informe.html --a11y ${AXE:+--axe-js "$AXE"} --browser-pages 1 \
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
  cp "$D/shots/informe_html-desktop.png" "$OUT/$name-1366.png"
  cp "$D/shots/informe_html-mobile.png" "$OUT/$name-390.png"
  ls "$OUT"/"$name"-*
}
