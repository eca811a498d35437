#!/usr/bin/env bash
# Builds Memoria's libFuzzer targets into .build-fuzz/bin (git-ignored; not part of CI). Swift code is
# built with the Swift toolchain's -sanitize=fuzzer,address; the C shim, the resampler kernels and
# the FTS5 tokenizer with clang's -fsanitize=fuzzer-no-link,address,undefined. The system libraries
# (libjpeg, libpng, libtiff, zlib, libxml2, sqlite) are Debian's, uninstrumented: the fuzzers look for
# crashes in Memoria's code and in how it drives them.
#   bash scripts/fuzz/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${FUZZ_BUILD:-.build-fuzz}
mkdir -p "$OUT/bin" "$OUT/obj" "$OUT/modules"
ROOT=$(pwd)

# Module maps for the C targets that SwiftPM would generate. The tokenizer's C calls Snowball's
# Spanish stemmer (Debian's libstemmer), so everything linked with it links -lstemmer too.
for target in CShims CResampleKernels CSearchTokenizer; do
  header=$(ls "Sources/$target/include/"*.h)
  mkdir -p "$OUT/modules/$target"
  printf 'module %s {\n    header "%s"\n    export *\n}\n' "$target" "$ROOT/$header" > "$OUT/modules/$target/module.modulemap"
done

CFLAGS=(-O1 -g -fno-omit-frame-pointer -fuse-ld=lld -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
        $(pkg-config --cflags libpng libtiff-4 sqlite3))
for c in Sources/CShims/*.c; do
  clang "${CFLAGS[@]}" -ISources/CShims/include -c "$c" -o "$OUT/obj/shim_$(basename "$c" .c).o"
done
clang "${CFLAGS[@]}" -ISources/CResampleKernels/include -c Sources/CResampleKernels/resample_kernels.c -o "$OUT/obj/resample_kernels.o"
clang "${CFLAGS[@]}" -ISources/CSearchTokenizer/include -c Sources/CSearchTokenizer/search_tokenizer.c -o "$OUT/obj/search_tokenizer.o"

SWIFTFLAGS=(-O -g -parse-as-library -swift-version 6 -sanitize=fuzzer,address -Xclang-linker -fsanitize=undefined -use-ld=lld
            -I "$OUT/modules" -ISources/CJPEG -ISources/CPNG -ISources/CTIFF -ISources/CZlib -ISources/CXML2
            -Xcc -I/usr/include/libxml2 -Xcc -I/usr/include/libpng16)

# Support is its own module (Imaging, Metadata and the search code import it): built once, instrumented
# like the rest, as a static library beside its module file.
echo "fuzz build: support"
swiftc "${SWIFTFLAGS[@]}" -module-name Support -emit-module -emit-module-path "$OUT/modules/Support.swiftmodule" \
  -emit-library -static $(find Sources/Support -name '*.swift' | sort) -o "$OUT/obj/libSupport.a"

echo "fuzz build: imaging (identify, jpeg, png, tiff)"
swiftc "${SWIFTFLAGS[@]}" -module-name FuzzImaging $(find Sources/Imaging -name '*.swift' | sort) scripts/fuzz/imaging_harness.swift \
  "$OUT"/obj/shim_*.o "$OUT/obj/resample_kernels.o" "$OUT/obj/libSupport.a" -ljpeg -lpng16 -ltiff -lz -o "$OUT/bin/fuzz-imaging"
for name in identify jpeg png tiff; do ln -sf fuzz-imaging "$OUT/bin/fuzz-$name"; done

echo "fuzz build: metadata (csv, edtf, mets, alto, hocr, text)"
swiftc "${SWIFTFLAGS[@]}" -module-name FuzzMetadata $(find Sources/Metadata -name '*.swift' | sort) scripts/fuzz/metadata_harness.swift \
  "$OUT/obj/libSupport.a" -lxml2 -o "$OUT/bin/fuzz-metadata"
for name in csv edtf mets alto hocr text; do ln -sf fuzz-metadata "$OUT/bin/fuzz-$name"; done

echo "fuzz build: query"
swiftc "${SWIFTFLAGS[@]}" -module-name FuzzSearch Sources/Catalog/Search/SearchQuery.swift Sources/Catalog/Search/SearchText.swift \
  Sources/Catalog/Search/SearchSnippet.swift Sources/Catalog/Search/SpanishStemmer.swift scripts/fuzz/search_harness.swift \
  "$OUT/obj/search_tokenizer.o" "$OUT/obj/libSupport.a" -lsqlite3 -lstemmer -o "$OUT/bin/fuzz-query"

echo "fuzz build: tokenizer"
clang "${CFLAGS[@]/fuzzer-no-link/fuzzer}" -ISources/CSearchTokenizer/include scripts/fuzz/tokenizer_fuzz.c "$OUT/obj/search_tokenizer.o" \
  -lsqlite3 -lstemmer -o "$OUT/bin/fuzz-tokenizer"
echo "fuzz targets in $OUT/bin"
