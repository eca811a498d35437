#!/usr/bin/env bash
# Visitor-statistics benchmark: `memoria estadisticas` against GoAccess (Debian goaccess) on the same
# generated month of combined-format logs (memoria-bench synth-logs) at 1 and 10 million lines, in the
# same run: lines per second (round-robin rounds, ../shared/bench/pairbench.py), peak RSS
# (/usr/bin/time -v), requests and unique visitors of each. Daily unique visitors are compared after the
# same bot exclusion: GoAccess reads humans.log (the generator's log without the clients it made as
# crawlers, robots.txt fetchers, image hotlinkers and scanners), Memoria reads the whole access.log and
# applies its own bot rule. (GoAccess runs with --no-progress: its progress lines on a pipe that nobody
# reads until it ends would fill the pipe and stop it.)
#   bash bench/stats.sh        # SIZES="1000000 10000000"; RUNS=3; BENCH_OUT=bench/out
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
command -v goaccess >/dev/null || { echo "bench/stats.sh: goaccess is not installed (apt-get install goaccess)" >&2; exit 2; }
[ -f ../shared/bench/pairbench.py ] || { echo "bench/stats.sh: ../shared/bench/pairbench.py is missing" >&2; exit 2; }
mkdir -p "$OUT"
swift build -c release >/dev/null
BIN=$(swift build -c release --show-bin-path)
echo "# $(date -u +%FT%TZ) $(nproc) cores; $(goaccess --version | head -1)"
: > "$OUT/stats.jsonl"
peak() {   # peak COMMAND...: peak RSS in MB of one run (the command itself, not a shell around it)
  /usr/bin/time -v "$@" >/dev/null 2>"$OUT/.timev" || true
  awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$OUT/.timev"
}
for N in $SIZES; do
  D=$OUT/stats-$N
  mkdir -p "$D"
  [ -s "$D/humans.log" ] || "$BIN/memoria-bench" synth-logs --dir "$D" --lines "$N"
  sed 's|^  hosts: \[\]|  hosts: [memoria.hidalgo.gob.mx]|' pipeline.yaml > "$D/pipeline.yaml"
  LINES=$(wc -l < "$D/access.log")
  MEM="rm -rf $D/out && MEMORIA_FIXED_TIME=2026-12-15T00:00:00Z $BIN/memoria estadisticas $D/access.log --config $D/pipeline.yaml --salida $D/out -q"
  GA="goaccess $D/access.log --log-format=COMBINED --ignore-crawlers --no-progress -o $D/goaccess.json 2>/dev/null"
  echo "## $N lines requested, $LINES generated ($(du -m "$D/access.log" | cut -f1) MB)"
  python3 ../shared/bench/pairbench.py --group "stats-$N" --runs "$RUNS" --warmup 0 --work "$LINES" --unit line --timeout 3600 \
    --out "$OUT/stats.jsonl" -- memoria "$MEM" goaccess "$GA" >/dev/null
  rm -rf "$D/out"
  RSS_M=$(MEMORIA_FIXED_TIME=2026-12-15T00:00:00Z peak "$BIN/memoria" estadisticas "$D/access.log" --config "$D/pipeline.yaml" --salida "$D/out" -q)
  RSS_G=$(peak goaccess "$D/access.log" --log-format=COMBINED --ignore-crawlers --no-progress -o "$D/goaccess.json")
  goaccess "$D/humans.log" --log-format=COMBINED --no-progress -o "$D/goaccess-humans.json" 2>/dev/null
  python3 - "$OUT/stats.jsonl" "stats-$N" "$LINES" "$RSS_M" "$RSS_G" "$D" <<'PY'
import csv, json, sys
jsonl, group, lines, rss_m, rss_g, d = sys.argv[1:7]
rows = {r["label"]: r for r in map(json.loads, open(jsonl)) if r["group"] == group}
m, g = rows["memoria"], rows["goaccess"]
lines = int(lines)
ga_all = json.load(open(f"{d}/goaccess.json"))["general"]
ga_h = json.load(open(f"{d}/goaccess-humans.json"))
ga_days = {x["data"]: x["visitors"]["count"] for x in ga_h["visitors"]["data"]}
ours = {r["periodo"].replace("-", ""): r for r in csv.DictReader(open(f"{d}/out/indicadores-por-dia.csv"))}
ours_days = {k: int(r["usuarios"]) for k, r in ours.items()}
requests = sum(int(r["solicitudes_en_total"]) for r in ours.values())
worst = max(abs(ours_days.get(k, 0) - v) / v for k, v in ga_days.items())
print("| tool | median s | lines/s | peak RSS MB | requests counted | unique visitors (its own bot exclusion) |")
print("|---|---|---|---|---|---|")
print(f"| memoria estadisticas | {m['median_s']:.2f} | {lines / m['median_s']:,.0f} | {rss_m} | {requests:,} | {sum(ours_days.values()):,} |")
print(f"| goaccess --ignore-crawlers | {g['median_s']:.2f} | {lines / g['median_s']:,.0f} | {rss_g} | {ga_all['total_requests']:,} | {ga_all['unique_visitors']:,} |")
print(f"GoAccess takes {g['ratio']:.1f}x Memoria's time (median of {m['runs']} rounds, range {g['ratio_min']:.1f}-{g['ratio_max']:.1f}).")
print(f"After the same bot exclusion (GoAccess on humans.log: {ga_h['general']['total_requests']:,} requests): daily unique visitors "
      f"GoAccess {sum(ga_days.values()):,}, Memoria {sum(ours_days.values()):,}; {len(ga_days)} days, largest daily difference {worst * 100:.2f} %.")
PY
done
