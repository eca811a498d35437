#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Memoria, copies the sample inbox into
# ./run/, ingests it and publishes the site, then says where the site and the reports are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-debian.sh
swift build -c release --product memoria
memoria="$(swift build -c release --show-bin-path)/memoria"
rm -rf run && mkdir -p run
cp -R --preserve=timestamps Fixtures/sample-inbox run/inbox   # a fresh copy is not a copy in progress
cp pipeline.yaml run/pipeline.yaml   # its relative paths now point inside run/
if [ -d ../shared/standards/xsd ]; then
  sed -i "s|^  schemas: \"\"|  schemas: \"$(cd ../shared/standards/xsd && pwd)\"|" run/pipeline.yaml
fi
# The site's public address is where the last line says to serve it: IIIF manifests need absolute
# addresses, and a IIIF viewer loads them over HTTP (a browser does not let a page fetch file://).
PORT=${PORT:-8000}
sed -i "s|^  base_url: \"\"|  base_url: \"http://127.0.0.1:$PORT/\"|" run/pipeline.yaml
status=0
"$memoria" ingest --config run/pipeline.yaml --now || status=$?
if [ $status -ne 0 ] && [ $status -ne 1 ]; then exit $status; fi
"$memoria" publish --config run/pipeline.yaml
echo
echo "Archivo:  run/archive (OCFL)      Informes: run/reports      Cuarentena: run/quarantine"
echo "Sitio:    run/site/index.html      (para servirlo en http://127.0.0.1:$PORT/, su dirección en run/pipeline.yaml: python3 -m http.server -d run/site $PORT --bind 127.0.0.1)"
