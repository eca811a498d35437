#!/usr/bin/env bash
# Installs the Debian packages Memoria needs, when missing (asks for sudo when not root).
# Build: C libraries (libstemmer-dev: Snowball's Spanish stemmer for search). Run: Tesseract with Spanish (OCR), fonts (fixture generator), python3-venv (validators in tests).
# Site: libjs-leaflet (the page viewer's deep zoom; publish copies it into the site with its licence).
# Tests: chromium (site checks in a real browser), libxml2-utils, default-jre-headless (Nu HTML checker),
# libvips-tools, python3-pil and libtiff-tools (the independent decoders the imaging tests compare with), poppler-utils (pdfinfo, pdftotext on the download PDFs).
# Benchmarks (MEMORIA_BENCH_PACKAGES=1): rsync (bench/replicate.sh compares memoria replicar with rsync -a + sha512sum -c).
set -euo pipefail
packages=(pkg-config libxml2-dev libjpeg-dev libpng-dev libtiff-dev libsqlite3-dev libssl-dev libfreetype-dev libstemmer-dev
          fonts-dejavu-core tesseract-ocr tesseract-ocr-spa python3-venv libxml2-utils libjs-leaflet)
if [ "${MEMORIA_TEST_PACKAGES:-0}" = 1 ]; then
  packages+=(chromium default-jre-headless libvips-tools poppler-utils python3-pil libtiff-tools)
fi
if [ "${MEMORIA_BENCH_PACKAGES:-0}" = 1 ]; then
  packages+=(rsync)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
