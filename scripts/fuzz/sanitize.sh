#!/usr/bin/env bash
# Runs the C shim's decoders and encoders, and the FTS5 tokenizer, once under AddressSanitizer and
# UndefinedBehaviorSanitizer over the corpora: ../shared/corpus (by path), Fixtures/sample-inbox, the
# quirk fixtures, and whatever the fuzzers have collected in .build-fuzz/corpus. Any report aborts
# (exit non-zero) with the sanitizer's trace after the name of the file being read.
#   bash scripts/fuzz/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${FUZZ_BUILD:-.build-fuzz}
mkdir -p "$OUT/bin"
FLAGS=(-O1 -g -fno-omit-frame-pointer -fuse-ld=lld -fsanitize=address,undefined -fno-sanitize-recover=all $(pkg-config --cflags libpng libtiff-4 sqlite3))
clang "${FLAGS[@]}" -ISources/CShims/include scripts/fuzz/shim_over_files.c Sources/CShims/*.c -ljpeg -lpng16 -ltiff -lz -o "$OUT/bin/shim-asan"
clang "${FLAGS[@]}" -ISources/CSearchTokenizer/include scripts/fuzz/tokenizer_over_files.c Sources/CSearchTokenizer/search_tokenizer.c -lsqlite3 -lstemmer -o "$OUT/bin/tokenizer-asan"

images=()
for root in ../shared/corpus/scans ../shared/corpus/broken Fixtures "$OUT/quirks" "$OUT"/corpus/identify "$OUT"/corpus/jpeg "$OUT"/corpus/png "$OUT"/corpus/tiff; do
  [ -d "$root" ] && while IFS= read -r -d '' f; do images+=("$f"); done < <(find "$root" -type f -print0 | sort -z)
done
texts=()
for root in ../shared/corpus/text ../shared/corpus/ocr ../shared/corpus/metadata Fixtures "$OUT"/corpus/query "$OUT"/corpus/tokenizer; do
  [ -d "$root" ] && while IFS= read -r -d '' f; do texts+=("$f"); done < <(find "$root" -type f -print0 | sort -z)
done
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
start=$(date +%s)
printf '%s\0' "${images[@]}" | xargs -0 -n 200 "$OUT/bin/shim-asan" 2> "$OUT/shim-asan.log" \
  || { tail -40 "$OUT/shim-asan.log"; echo "sanitize: the C shim failed (log: $OUT/shim-asan.log)" >&2; exit 1; }
printf '%s\0' "${texts[@]}" | xargs -0 -n 200 "$OUT/bin/tokenizer-asan" 2> "$OUT/tokenizer-asan.log" \
  || { tail -40 "$OUT/tokenizer-asan.log"; echo "sanitize: the tokenizer failed (log: $OUT/tokenizer-asan.log)" >&2; exit 1; }
echo "sanitize: C shim over ${#images[@]} images, tokenizer over ${#texts[@]} texts, $(( $(date +%s) - start )) s: no AddressSanitizer or UndefinedBehaviorSanitizer report"
