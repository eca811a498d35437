#!/usr/bin/env bash
# Full-text benchmark: the same generated pages (~2 KB of Zipf-distributed Spanish each, from
# ../shared/bench/fts5_bench.py) indexed two ways in the same run, at 10,000 and 100,000 pages:
#   plain     the sqlite3 CLI importing the TSV into a bare FTS5 table (unicode61 remove_diacritics 2)
#   memoria   memoria-bench fts-build: the catalog's own code path (`memoria reindex`): items, pages
#             and the search_fts table (7 columns, memoria tokenizer, prefix indexes 2 and 3), one transaction
# then query latency over a fixed set (single words common to rare, two words, phrases, prefixes):
# memoria-bench fts-query times `memoria search` (bm25 top 20, snippets, bounded hit count) in one
# process; fts5_bench.py --query-only times the plain table's bm25+snippet top 20 on the same queries.
#   bash bench/fts.sh              # SIZES="10000 100000"; BENCH_OUT=bench/out; MEMORIA_BIN
#   SIZES=1000000 bash bench/fts.sh   # a catalog of 1,000,000 pages, generated directly (no images to
#                                     # ingest: ~1.8 GB of text, ~10 min to load, ~5 GB of catalog)
# PLAIN_MAX (default 100000): above this many pages the plain table is not built nor queried (at
# 1,000,000 pages the build comparison is not a target, and bm25 over every page of `de` takes seconds).
# A TSV or catalog already there is reused when REUSE=1 (queries only, on the catalog left by a run).
# Needs sqlite3 (CLI) and python3; numpy and pillow (for fts5_bench.py) go into bench/.venv on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
SIZES=${SIZES:-"10000 100000"}
PLAIN_MAX=${PLAIN_MAX:-100000}
REUSE=${REUSE:-0}
SHARED=../shared/bench
[ -f "$SHARED/fts5_bench.py" ] || { echo "bench/fts.sh: $SHARED/fts5_bench.py is missing (it generates the pages)" >&2; exit 2; }
mkdir -p "$OUT/fts"
RESULTS=$OUT/fts.jsonl
: > "$RESULTS"
if ! bench/.venv/bin/python -c "import numpy, PIL" 2>/dev/null; then
  python3 -m venv bench/.venv && bench/.venv/bin/pip -q install numpy pillow
fi
PY=bench/.venv/bin/python
# MEMORIA_BIN: a release folder already built (memoria-bench), so that nothing builds while it is timed.
if [ -n "${MEMORIA_BIN:-}" ]; then
  BIN=$MEMORIA_BIN
else
  swift build -c release >/dev/null   # every product
  BIN=$(swift build -c release --show-bin-path)
fi
PB="python3 $SHARED/pairbench.py --out $RESULTS"
echo "# $(date -u +%FT%TZ) $(nproc) cores; sqlite $(sqlite3 --version | cut -d' ' -f1)"

source "$(dirname "$0")/lib/search-queries.sh"

for N in $SIZES; do
  TSV=$($PY "$SHARED/fts5_bench.py" "$OUT/fts" --docs "$N" --write-tsv)
  MB=$(du -m --apparent-size "$TSV" | cut -f1)
  echo "## build, $N pages ($MB MB of text; pages/s, ratio to the plain load)"
  RUNS=$([ "$N" -ge 100000 ] && echo 1 || echo 3)
  if [ "$REUSE" = 1 ] && [ -f "$OUT/fts/memoria-$N.sqlite" ]; then
    echo "(REUSE=1: the catalog of an earlier run, not built again)"
  elif [ "$N" -le "$PLAIN_MAX" ]; then
    cat > "$OUT/fts/plain-$N.sql" <<SQL
CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
.mode tabs
.import $TSV docs
SQL
    $PB --group "fts-build:$N" --runs "$RUNS" --warmup 0 --work "$N" --unit page -- \
      plain-sqlite3-cli "rm -f $OUT/fts/plain-$N.db && sqlite3 $OUT/fts/plain-$N.db < $OUT/fts/plain-$N.sql" \
      memoria "$BIN/memoria-bench fts-build --tsv $TSV --db $OUT/fts/memoria-$N.sqlite"
    echo "sizes: plain $(du -m "$OUT/fts/plain-$N.db" | cut -f1) MB, memoria $(du -cm "$OUT/fts/memoria-$N.sqlite"* | tail -1 | cut -f1) MB"
  else
    /usr/bin/time -f "memoria fts-build: %e s wall, %M KB peak" "$BIN/memoria-bench" fts-build --tsv "$TSV" --db "$OUT/fts/memoria-$N.sqlite"
    echo "size: memoria $(du -cm "$OUT/fts/memoria-$N.sqlite"* | tail -1 | cut -f1) MB (plain table not built above PLAIN_MAX=$PLAIN_MAX)"
  fi
  echo "## queries, $N pages: memoria search (median / p95 over 30)"
  "$BIN/memoria-bench" fts-query --db "$OUT/fts/memoria-$N.sqlite" --reps 30 --json "$RESULTS" "${QUERY_ARGS[@]}"
  if [ "$N" -le "$PLAIN_MAX" ] && [ -f "$OUT/fts/plain-$N.db" ]; then
    echo "## queries, $N pages: plain FTS5 bm25 + snippet top 20 (median over 30)"
    $PY "$SHARED/fts5_bench.py" "$OUT/fts" --docs "$N" --query-only "$OUT/fts/plain-$N.db" --json "$RESULTS" | grep '^query'
  fi
done
