#!/usr/bin/env bash
# Growth table: what the everyday commands cost as the archive grows, per size (SIZES items, about 2
# pages each), on deployments generated directly (ingesting that many images would take days):
#   catalog      memoria-bench synth-site --no-archive-files (items, pages, texts, derivatives)
#   archive      memoria-bench synth-archive --catalog: one real OCFL object per catalogued item
#                (one 4 KB master, dc.xml and a placeholder METS; every tenth with a second
#                version, which the catalog is told of)
# and prints, per size: a no-op `memoria ingest` (empty inbox), `memoria status`, `memoria verify
# --sample 1`, and the search p95 over fts.sh's queries (memoria-bench fts-query: `memoria search` in
# one process). The search also runs on a catalog of SEARCH_PAGES pages (default 1,000,000) loaded by
# memoria-bench fts-build from fts5_bench.py's generated text. Each command is timed RUNS times; the
# median is printed. Targets (issue 20): every command under 1 s; search p95 under 20 ms at 100,000
# pages and under 50 ms at 1,000,000.
# Incremental publish (one item changed by `memoria-bench synth-site --change-one`, then nothing
# changed), on the sizes in PUBLISH_SIZES only (default 10000): it needs a full publish first, which
# the script runs once per deployment (timed once, not part of the table; its site is kept, so a
# second run of the script goes straight to the incremental ones). The first incremental publish
# after a full one clones the site into its spare copy (bench/publish.sh): also timed once, before
# the table's runs. Unlike bench/publish.sh, the growth deployment publishes without PDFs (site.pdf:
# false in its pipeline.yaml): a PDF is ~0.8 MB per synthetic item, 80 GB at 100,000 items. Tiles
# are as in bench/publish.sh: none (synth-site writes no pyramids, and publish does not derive).
# At 100,000 items the full publish is long (149 s at 10,000 items with PDFs, so expect 20-30 min)
# and the site holds ~2.4 million files (on this kind of disk `rm -rf` of the 10,000-item site took
# 5 min): PUBLISH_SIZES="10000 100000" runs it; the default does not.
# synth-archive's objects carry a placeholder METS, so verify reports them as METS mismatches: the
# timing is what this table is for (the problems add one line each to the report).
#   bash bench/growth.sh                  # SIZES="10000 100000"; SEARCH_PAGES=1000000; RUNS=5; PUBLISH_SIZES=10000
#   MEMORIA_BIN=.build/release bash bench/growth.sh   # binaries already built under the build lock
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
SIZES=${SIZES:-"10000 100000"}
SEARCH_PAGES=${SEARCH_PAGES:-1000000}
RUNS=${RUNS:-5}
PUBLISH_SIZES=${PUBLISH_SIZES:-10000}
SHARED=../shared/bench
[ -f "$SHARED/fts5_bench.py" ] || { echo "bench/growth.sh: $SHARED/fts5_bench.py is missing (it generates the search text and queries)" >&2; exit 2; }
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
if [ -n "${MEMORIA_BIN:-}" ]; then BIN=$MEMORIA_BIN
else swift build -c release >/dev/null; BIN=$(swift build -c release --show-bin-path); fi
if ! bench/.venv/bin/python -c "import numpy, PIL" 2>/dev/null; then
  python3 -m venv bench/.venv && bench/.venv/bin/pip -q install numpy pillow
fi
PY=bench/.venv/bin/python
NOSYNC=$(command -v eatmydata || true)
echo "# $(date -u +%FT%TZ) $(nproc) cores (a shared machine: other jobs may run beside these timings)"

source "$(dirname "$0")/lib/search-queries.sh"

median() {   # median LABEL COMMAND...: the median wall time of RUNS runs, in seconds
  local label=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true   # verify exits 1 on the placeholder METS; the time is what counts
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 } END { printf "  %-28s median %.3f s (min %.3f, max %.3f, %d runs)\n", label, t[int((NR + 1) / 2)], t[1], t[NR], NR }'
}

search_p95() {   # search_p95 CATALOG: the largest p95 and each query's median / p95
  "$BIN/memoria-bench" fts-query --db "$1" --reps 30 "${QUERY_ARGS[@]}" | tee "$OUT/.growth-queries"
  awk '{ for (i = 1; i <= NF; i++) if ($i == "p95") { v = $(i + 1); if (v > max) max = v } } END { printf "  search p95 (worst query)     %.2f ms\n", max }' "$OUT/.growth-queries"
}

once() {   # once LABEL COMMAND...: wall seconds and peak RSS of one run (a run that fails stops the script)
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/.growth-time" "$@" >/dev/null
  read -r s rss < "$OUT/.growth-time"
  printf '  %-28s %.1f s, peak RSS %d MB (one run)\n' "$label" "$s" "$((rss / 1024))"
}

publish_columns() {   # publish_columns DEPLOYMENT: the incremental publish, one item changed and nothing changed
  local d=$1 site
  sed -i 's/^  pdf: true$/  pdf: false/' "$d/pipeline.yaml"
  site=$d/$(sed -n 's/^  site: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$d/pipeline.yaml" | head -1)
  if [ ! -d "$site" ]; then
    once "full publish (once)" "$BIN/memoria" publish --full --config "$d/pipeline.yaml"
    "$BIN/memoria-bench" synth-site --dir "$d" --change-one >/dev/null
    once "first incremental (once)" "$BIN/memoria" publish --config "$d/pipeline.yaml"
  fi
  local times=()
  for _ in $(seq "$RUNS"); do   # each run changes the item again, outside the timing
    "$BIN/memoria-bench" synth-site --dir "$d" --change-one >/dev/null
    local start end
    start=$(date +%s.%N)
    "$BIN/memoria" publish --config "$d/pipeline.yaml" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "  %-28s median %.3f s (min %.3f, max %.3f, %d runs)\n", "publish, one item changed", t[int((NR + 1) / 2)], t[1], t[NR], NR }'
  median "publish, nothing changed" "$BIN/memoria" publish --config "$d/pipeline.yaml"
}

for N in $SIZES; do
  D=$OUT/growth-$N
  echo "## $N items"
  if [ ! -f "$D/archive/0=ocfl_1.1" ]; then
    rm -rf "$D"
    "$BIN/memoria-bench" synth-site --dir "$D" --items "$N" --template pipeline.yaml --no-archive-files
    # eatmydata (Debian package of that name), when present, turns the version writer's fsyncs into
    # nothing while the archive is generated (6x faster here); the timed commands run without it.
    $NOSYNC "$BIN/memoria-bench" synth-archive --dir "$D/archive" --staging "$D/staging" --catalog "$D/catalog.sqlite" --files 1 --bytes 4096 >/dev/null
  fi
  mkdir -p "$D/inbox"
  echo "  $(ls "$D/archive" | grep -c -v -e '^0=' -e '\.json$' -e '^extensions$') objects, $(sqlite3 "$D/catalog.sqlite" 'SELECT count(*) FROM pages') pages"
  median "no-op ingest" "$BIN/memoria" ingest --config "$D/pipeline.yaml"
  median "status" "$BIN/memoria" status --config "$D/pipeline.yaml"
  median "verify --sample 1" "$BIN/memoria" verify --sample 1 --config "$D/pipeline.yaml"
  search_p95 "$D/catalog.sqlite"
  if [[ " $PUBLISH_SIZES " == *" $N "* ]]; then
    publish_columns "$D"
  else
    echo "  incremental publish          not run at $N items (PUBLISH_SIZES=\"$PUBLISH_SIZES\": see the note at the top)"
  fi
done

echo "## search, $SEARCH_PAGES pages (one page per item)"
mkdir -p "$OUT/fts"
DB=$OUT/fts/memoria-$SEARCH_PAGES.sqlite
if [ ! -f "$DB" ]; then
  TSV=$($PY "$SHARED/fts5_bench.py" "$OUT/fts" --docs "$SEARCH_PAGES" --write-tsv)
  "$BIN/memoria-bench" fts-build --tsv "$TSV" --db "$DB"
fi
search_p95 "$DB"
