#!/usr/bin/env bash
# Where a full-text build's time goes beyond a plain FTS5 load (issue 20, item 2): the same TSV of
# fts.sh, loaded round-robin by the sqlite3 CLI (the reference) and by a small C loader (bench/parts/
# fts_load.c, compiled with the cc here against the memoria tokenizer's own source) into tables that
# add one part of Memoria's index at a time:
#   c-plain        unicode61 remove_diacritics 2, 2 columns (the CLI's table, from C: the loader's own cost)
#   memoria-nostem the memoria tokenizer without its stem terms (as for queries: folding only)
#   memoria        the memoria tokenizer as the catalog uses it: folded words in the index, and each
#                  distinct (word, stem) pair written to a search_forms table (the "forms" argument)
#   memoria-p3     plus the 3-character prefix index
#   memoria-8      plus Memoria's 8 columns (six of them empty here)
#   memoria-8-wal  plus the WAL journal (the catalog's mode)
# (Until branch formas the tokenizer put each word's stem in the index at the same position; that
# table's figures are in bench/README.md, "Issue 20".)
#   memoria-8-wal-bulk   plus the catalog's rebuild configuration (SearchIndexBulkLoad: 'hashsize' 32 MiB,
#                  'automerge' 0) and its closing 'optimize', timed: the catalog's full-text load
#   memoria-8-wal-bulk-nop3  the same without the prefix index (what the catalog's load would cost
#                  without it; bench/README.md, "Branch indice")
#   plain-p3       the plain table with the prefix index (what the prefix index alone costs)
# With MEMORIA_BIN (a release folder holding memoria-bench), rows of the whole catalog rebuild from C
# too (bench/parts/catalog_load.c: the statements of `memoria-bench fts-build` on a copy of an empty
# catalog made by its migrations; bench/README.md, "Branch indice2"), each leaving one part out:
#   catalog        the rebuild as the catalog runs it now (no DELETEs for items met the first time,
#                  the descriptive fields' index external-content, v11)
#   catalog-norows without the items and pages rows (nor foreign keys)
#   catalog-notx   without the change-counter triggers and the secondary indexes of items and files
#   catalog-nodesc without the descriptive fields' index
#   catalog-text   none of these: search_fts, its forms and its 'optimize' in the catalog's schema
#   memoria-bench  `memoria-bench fts-build` itself (the Swift above the same statements)
# Ratios are to the CLI, round by round. No swift build is needed.
#   bash bench/fts-parts.sh        # N=10000 pages; RUNS=5; BENCH_OUT=bench/out; PARTS (a subset of the rows)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-bench/out}
N=${N:-10000}
RUNS=${RUNS:-5}
SHARED=../shared/bench
[ -f "$SHARED/fts5_bench.py" ] || { echo "bench/fts-parts.sh: $SHARED/fts5_bench.py is missing" >&2; exit 2; }
mkdir -p "$OUT/fts"
if ! bench/.venv/bin/python -c "import numpy, PIL" 2>/dev/null; then
  python3 -m venv bench/.venv && bench/.venv/bin/pip -q install numpy pillow
fi
TSV=$(bench/.venv/bin/python "$SHARED/fts5_bench.py" "$OUT/fts" --docs "$N" --write-tsv)
L=$OUT/fts/fts_load
cc -O2 -I Sources/CSearchTokenizer/include bench/parts/fts_load.c Sources/CSearchTokenizer/search_tokenizer.c \
   -lsqlite3 -lstemmer -o "$L"
cat > "$OUT/fts/parts-plain.sql" <<SQL
CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
.mode tabs
.import $TSV docs
SQL
DB=$OUT/fts/parts.db
T="CREATE VIRTUAL TABLE t USING fts5"
BULK="INSERT INTO t(t, rank) VALUES('hashsize', 33554432); INSERT INTO t(t, rank) VALUES('automerge', 0)"
OPTIMIZE="INSERT INTO t(t) VALUES('optimize')"
echo "# $(date -u +%FT%TZ) $(nproc) cores (shared machine); $N pages; sqlite $(sqlite3 --version | cut -d' ' -f1)"
ROWS=(
  cli-plain "rm -f $DB.cli && sqlite3 $DB.cli < $OUT/fts/parts-plain.sql"
  c-plain "$L $DB \"$TSV\" \"$T(a, b, tokenize='unicode61 remove_diacritics 2')\" 2"
  memoria-nostem "$L $DB \"$TSV\" \"$T(a, b, tokenize='memoria_nostem')\" 2"
  memoria "$L $DB \"$TSV\" \"$T(a, b, tokenize='memoria')\" 2 forms"
  memoria-p3 "$L $DB \"$TSV\" \"$T(a, b, tokenize='memoria', prefix='3')\" 2 forms"
  memoria-8 "$L $DB \"$TSV\" \"$T(a, b, c, d, e, f, g, h, tokenize='memoria', prefix='3')\" 8 forms"
  memoria-8-wal "$L $DB \"$TSV\" \"PRAGMA journal_mode=WAL; $T(a, b, c, d, e, f, g, h, tokenize='memoria', prefix='3')\" 8 forms"
  memoria-8-wal-bulk "$L $DB \"$TSV\" \"PRAGMA journal_mode=WAL; $T(a, b, c, d, e, f, g, h, tokenize='memoria', prefix='3'); $BULK\" 8 forms \"$OPTIMIZE\""
  memoria-8-wal-bulk-nop3 "$L $DB \"$TSV\" \"PRAGMA journal_mode=WAL; $T(a, b, c, d, e, f, g, h, tokenize='memoria'); $BULK\" 8 forms \"$OPTIMIZE\""
  plain-p3 "$L $DB \"$TSV\" \"$T(a, b, tokenize='unicode61 remove_diacritics 2', prefix='3')\" 2"
)
if [ -n "${MEMORIA_BIN:-}" ]; then
  K=$OUT/fts/catalog_load
  cc -O2 -I Sources/CSearchTokenizer/include bench/parts/catalog_load.c Sources/CSearchTokenizer/search_tokenizer.c \
     -lsqlite3 -lstemmer -o "$K"
  : > "$OUT/fts/empty.tsv"
  rm -f "$OUT/fts/template.sqlite"*
  "$MEMORIA_BIN/memoria-bench" fts-build --tsv "$OUT/fts/empty.tsv" --db "$OUT/fts/template.sqlite" >/dev/null
  sqlite3 "$OUT/fts/template.sqlite" "PRAGMA journal_mode = DELETE" >/dev/null   # one file to copy
  C="$K $OUT/fts/template.sqlite $DB.catalog \"$TSV\""
  ROWS+=(
    catalog "$C de" catalog-norows "$C deipk" catalog-notx "$C detx" catalog-nodesc "$C des" catalog-text "$C deipktxs"
    memoria-bench "$MEMORIA_BIN/memoria-bench fts-build --tsv \"$TSV\" --db $DB.memoria"
  )
fi
# PARTS="cli-plain memoria-8-wal-bulk ..." runs only those rows (the CLI's row is always run: ratios are to it).
PAIRS=()
for ((i = 0; i < ${#ROWS[@]}; i += 2)); do
  if [ -z "${PARTS:-}" ] || [ "${ROWS[i]}" = cli-plain ] || [[ " $PARTS " == *" ${ROWS[i]} "* ]]; then PAIRS+=("${ROWS[i]}" "${ROWS[i+1]}"); fi
done
python3 "$SHARED/pairbench.py" --out "$OUT/fts-parts.jsonl" --group "fts-parts:$N" --runs "$RUNS" --work "$N" --unit page -- "${PAIRS[@]}"
rm -f "$DB" "$DB.cli" "$DB-wal" "$DB-shm" "$DB.catalog"* "$DB.memoria"*
