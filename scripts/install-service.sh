#!/usr/bin/env bash
# Instala Memoria como servicio de systemd: deploy/memoria.service (memoria vigilar, continuo) o, con
# --temporizador, deploy/memoria-ingesta.{service,timer} y deploy/memoria-auditoria.{service,timer}
# (ejecuciones periódicas, como cron). Se ejecuta como root.
#
#   sudo bash scripts/install-service.sh --config /srv/memoria/pipeline.yaml --usuario memoria
#   sudo bash scripts/install-service.sh --config /srv/memoria/pipeline.yaml --usuario memoria --temporizador
#
# Opciones: --memoria RUTA (el programa; por omisión el que está en PATH), --destino CARPETA (por omisión
# /etc/systemd/system), --sin-systemctl (solo escribe las unidades; para revisarlas o para pruebas).
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="" USER_NAME="" BIN="" DEST=/etc/systemd/system TIMER=0 SYSTEMCTL=1
usage() { echo "uso: bash scripts/install-service.sh --config PIPELINE.YAML --usuario CUENTA [--temporizador] [--memoria RUTA] [--destino CARPETA] [--sin-systemctl]" >&2; exit 64; }
while [ $# -gt 0 ]; do
  case "$1" in
    --config) CONFIG=${2:-}; shift 2 ;;
    --usuario) USER_NAME=${2:-}; shift 2 ;;
    --memoria) BIN=${2:-}; shift 2 ;;
    --destino) DEST=${2:-}; shift 2 ;;
    --temporizador) TIMER=1; shift ;;
    --sin-systemctl) SYSTEMCTL=0; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
  esac
done
[ -n "$CONFIG" ] && [ -n "$USER_NAME" ] || usage
[ -f "$CONFIG" ] || { echo "no existe el archivo de configuración $CONFIG" >&2; exit 64; }
CONFIG=$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")
FOLDER=$(dirname "$CONFIG")
BIN=${BIN:-$(command -v memoria || true)}
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "no se encontró el programa memoria; instálelo (swift build -c release) y use --memoria RUTA" >&2; exit 64; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
id "$USER_NAME" >/dev/null 2>&1 || { echo "la cuenta $USER_NAME no existe; créela (adduser --system memoria) y dele el archivo" >&2; exit 64; }
for value in "$CONFIG" "$FOLDER" "$BIN" "$USER_NAME"; do
  case "$value" in *[[:space:]]*|*'|'*) echo "«$value» tiene espacios o «|»; use rutas sin espacios" >&2; exit 64 ;; esac
done
"$BIN" validate-config --config "$CONFIG" >/dev/null || { echo "pipeline.yaml tiene errores (arriba); corríjalos antes de instalar el servicio" >&2; exit 64; }

if [ "$TIMER" = 1 ]; then
  UNITS="memoria-ingesta.service memoria-ingesta.timer memoria-auditoria.service memoria-auditoria.timer"
  START="memoria-ingesta.timer memoria-auditoria.timer"
else
  UNITS="memoria.service"
  START="memoria.service"
fi
mkdir -p "$DEST"
for unit in $UNITS; do
  sed -e "s|@MEMORIA@|$BIN|g" -e "s|@CONFIG@|$CONFIG|g" -e "s|@CARPETA@|$FOLDER|g" -e "s|@USUARIO@|$USER_NAME|g" \
    "deploy/$unit" > "$DEST/.$unit.tmp"
  mv "$DEST/.$unit.tmp" "$DEST/$unit"
  echo "escrita $DEST/$unit"
done
if [ "$SYSTEMCTL" = 1 ]; then
  systemctl daemon-reload
  systemctl enable --now $START
  echo "En marcha: $START. Lo que hace: journalctl -u ${START%%.*} -f"
else
  echo "Unidades escritas (sin systemctl). Para activarlas: systemctl daemon-reload && systemctl enable --now $START"
fi
