#!/usr/bin/env bash
# Fuzzes Memoria for a bounded time per target (libFuzzer), then runs the C shim and the FTS5
# tokenizer once under AddressSanitizer and UndefinedBehaviorSanitizer over the corpora. Not part of
# CI: a crash found here becomes a regression test (Tests/...FuzzRegressionTests) and a fix.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]     # default 60 s, every target
#   FUZZ_SKIP_BUILD=1 bash scripts/fuzz.sh 30 tiff               # reuse .build-fuzz/bin
# Targets: identify jpeg png tiff csv edtf mets alto hocr text query tokenizer. Seeds come from
# Fixtures/, the quirk fixtures and ../shared/corpus, by path (symbolic links in .build-fuzz/seeds).
# What each run found is in .build-fuzz/corpus/<target>; crashes in .build-fuzz/crashes/<target>.
# Builds and runs hold the shared lock /tmp/memoria-swift.lock (the machine's cores are shared);
# FUZZ_RUN_LOCK=0 lets the fuzzing runs go without it (only the builds take it), so that a long run
# does not keep other builds waiting.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(identify jpeg png tiff csv edtf mets alto hocr text query tokenizer)
OUT=${FUZZ_BUILD:-.build-fuzz}
LOCK=/tmp/memoria-swift.lock
mkdir -p "$OUT"
RUN_LOCK=(flock "$LOCK")
[ "${FUZZ_RUN_LOCK:-1}" = 0 ] && RUN_LOCK=()

[ "${FUZZ_SKIP_BUILD:-0}" = 1 ] || flock "$LOCK" bash scripts/fuzz/build.sh >"$OUT/build.log" 2>&1 \
  || { grep -v "Cannot export local symbol" "$OUT/build.log" | tail -30; exit 2; }
flock "$LOCK" swift build --product memoria-fixtures >/dev/null
rm -rf "$OUT/quirks" && "$(swift build --show-bin-path)/memoria-fixtures" quirks "$OUT/quirks" >/dev/null

# Seeds by target: symbolic links to the files of that kind (nothing is copied).
seeds() {   # target, then find expressions
  local target=$1; shift
  rm -rf "$OUT/seeds/$target"; mkdir -p "$OUT/seeds/$target"
  local roots=(Fixtures "$OUT/quirks")
  [ -d ../shared/corpus ] && roots+=("$(cd ../shared/corpus && pwd)")
  find "${roots[@]}" -type f \( "$@" \) -size -2M -print0 | while IFS= read -r -d '' f; do
    ln -sf "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" "$OUT/seeds/$target/$(echo "$f" | tr '/' '_')"
  done
}
seeds identify -iname '*.jpg' -o -iname '*.png' -o -iname '*.tif' -o -iname '*.tiff' -o -iname '*.jp2'
seeds jpeg -iname '*.jpg'
seeds png -iname '*.png'
seeds tiff -iname '*.tif' -o -iname '*.tiff'
seeds csv -iname '*.csv'
seeds edtf -iname 'metadata.csv'
seeds mets -iname '*mets*.xml'
seeds alto -iname '*.alto.xml'
seeds hocr -iname '*.hocr' -o -iname '*.hocr.html' -o -iname 'hocr_*.html'
seeds text -iname '*.txt'
seeds query -iname '*.gt.txt'
seeds tokenizer -iname '*.txt'

mkdir -p "$OUT/crashes" "$OUT/scratch"
printf '| target | executions | seconds | corpus | crashes |\n|---|---|---|---|---|\n' > "$OUT/fuzz-summary.md"
status=0
for target in "${TARGETS[@]}"; do
  mkdir -p "$OUT/corpus/$target" "$OUT/crashes/$target"
  log="$OUT/fuzz-$target.log"
  max_len=65536
  case $target in edtf|query) max_len=256 ;; csv|text|tokenizer) max_len=16384 ;; esac
  set +e
  SWIFT_BACKTRACE=enable=no MEMORIA_FUZZ_SCRATCH="$OUT/scratch" "${RUN_LOCK[@]}" "$OUT/bin/fuzz-$target" "$OUT/corpus/$target" "$OUT/seeds/$target" \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$OUT/crashes/$target/" > "$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo "?")
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "$SECONDS_PER_TARGET")
  found=$(find "$OUT/crashes/$target" -type f | wc -l)
  echo "| $target | $runs | $took | $(find "$OUT/corpus/$target" -type f | wc -l) files | $found |" >> "$OUT/fuzz-summary.md"
  if [ $rc -ne 0 ] || [ "$found" -gt 0 ]; then
    status=1
    echo "fuzz: $target stopped (exit $rc); see $log and $OUT/crashes/$target" >&2
    grep -m1 -A12 -E "ERROR: |==[0-9]+==|Fatal error|deadly signal" "$log" >&2 || true
  fi
done
cat "$OUT/fuzz-summary.md"
flock "$LOCK" bash scripts/fuzz/sanitize.sh || status=1
exit $status
