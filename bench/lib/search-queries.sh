# Sourced by bench/fts.sh and bench/growth.sh: the query set of ../shared/bench/fts5_bench.py (terms
# chosen by frequency rank) as label=query pairs in QUERIES, and as memoria-bench arguments in QUERY_ARGS.
# Needs PY (a Python with the benchmark's packages) and SHARED (../shared/bench).
mapfile -t QUERIES < <($PY - "$SHARED" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from fts5_bench import queries
for name, q in queries():
    print(f"{name}={q}")
PY
)
QUERY_ARGS=()
for q in "${QUERIES[@]}"; do QUERY_ARGS+=(--query "$q"); done
