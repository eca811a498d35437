#!/usr/bin/env bash
# Instala los esquemas XML oficiales (METS 1.12.1, PREMIS 3, MIX 2.0, Dublin Core, OAI-DC, OAI-PMH,
# xlink, xml y EAD3) en una carpeta, con bundle.xsd y un catálogo XML, para poner esa carpeta en
# paths.schemas de pipeline.yaml. Descarga cada archivo de su editor (Library of Congress, DCMI, Open
# Archives Initiative, W3C, SAA) y comprueba su huella SHA-256 fijada aquí; un archivo cuya huella no
# coincide no se instala y nada se instala a medias (todo se prepara en una carpeta temporal y se pone
# en su lugar al final).
#
#   bash scripts/install-schemas.sh DESTINO               # descarga (curl o wget)
#   bash scripts/install-schemas.sh DESTINO --from CARPETA  # toma los archivos de una copia local (sin red)
#   bash scripts/install-schemas.sh DESTINO --base URL      # descarga cada archivo de URL/<archivo> (un espejo
#                                                           # de la institución; también MEMORIA_SCHEMAS_BASE_URL)
#
# Los esquemas de METS, Dublin Core (dc, dcterms) y OAI-DC importan otros por su dirección web; aquí esas
# importaciones se apuntan al archivo vecino (las cuatro únicas líneas que se cambian), para validar sin
# red. Las huellas fijadas son las de los archivos ya instalados, con ese cambio hecho.
set -euo pipefail

usage() { echo "uso: bash scripts/install-schemas.sh DESTINO [--from CARPETA | --base URL]" >&2; exit 64; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; -*) usage ;; esac
DEST=$1; shift
FROM=""
BASE=${MEMORIA_SCHEMAS_BASE_URL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || usage; FROM=$2; shift 2 ;;
    --base) [ $# -ge 2 ] || usage; BASE=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage ;;
  esac
done

# archivo | huella SHA-256 del archivo instalado | direcciones del editor (la primera que dé la huella)
SCHEMAS=$(cat <<'LIST'
mets.xsd|6a9c0cda846e74ef2a01de8ee2dec86d9099b6d826eeb76428cfb7bc44aa8ff2|https://www.loc.gov/standards/mets/version1121/mets.xsd
xlink.xsd|f1f5bb6003165cdd8f6c1fcc32f8fd1f965e1681010f3b9806d9460bcffa8a3c|https://www.loc.gov/standards/xlink/xlink.xsd
premis.xsd|03b8a77a20b32b882ad799e12262671d07ad18210c60233f4e613a1289491cba|https://www.loc.gov/standards/premis/v3/premis-v3-0.xsd
mix20.xsd|aaff5ad9b49e7116b1a3f521e4f3aaa2e75df9f38a2cf708379679c53a107dac|https://www.loc.gov/standards/mix/mix20/mix20.xsd
dc.xsd|e4948660e35e98959b18ba25cd61db5848065187650a3df1feb7240da607b7d2|https://www.dublincore.org/schemas/xmls/qdc/2008/02/11/dc.xsd
dcterms.xsd|940041c53591e7cba8bb7fde620e0821d4df0423527255cf324e30b24a69a50a|https://www.dublincore.org/schemas/xmls/qdc/2008/02/11/dcterms.xsd
dcmitype.xsd|04d8303aca4246d73dea2122467bef648c89bc6e43160990dc903e8bd0db19cc|https://www.dublincore.org/schemas/xmls/qdc/2008/02/11/dcmitype.xsd
simpledc.xsd|8b7299086e81c0ed70b4c11e38345affec8fe117e8ea17e414e68a01745867af|https://www.dublincore.org/schemas/xmls/qdc/2008/02/11/simpledc.xsd
oai_dc.xsd|7f1951512261eae175adbccce03628e454bf2b54db978e0b383d1af5162121e8|https://www.openarchives.org/OAI/2.0/oai_dc.xsd
OAI-PMH.xsd|da217eb992fff3261ce109282e8be17f46f84cfb2e417667aa5c9359744fc55d|https://www.openarchives.org/OAI/2.0/OAI-PMH.xsd
xml.xsd|cc701736c42cc64126fad063bb95f94484b5de3b5f808a86ea098b0957aff829|https://www.w3.org/2009/01/xml.xsd
ead3/ead3.xsd|b090ea6a208360bc056f45d129922b208a5490355745cfbe016005edceac43dc|https://www.loc.gov/ead/ead3.xsd https://raw.githubusercontent.com/SAA-SDT/EAD3/master/ead3.xsd
LIST
)

fetch() {  # fetch URL FILE
  if command -v curl >/dev/null; then curl -fsSL --retry 3 --max-time 120 -o "$2" "$1"
  elif command -v wget >/dev/null; then wget -q -T 120 -t 3 -O "$2" "$1"
  else echo "No está curl ni wget: instale curl (apt-get install curl) o use --from CARPETA" >&2; return 2; fi
}

# The four imports that point at the web, pointed at the neighbouring file (as the offline set does).
localize() {  # localize NAME FILE
  case "$1" in
    mets.xsd) sed -i 's#schemaLocation="http://www.loc.gov/standards/xlink/xlink.xsd"#schemaLocation="xlink.xsd"#' "$2" ;;
    dc.xsd|dcterms.xsd) sed -i 's#schemaLocation="http://www.w3.org/2001/03/xml.xsd"#schemaLocation="xml.xsd"#' "$2" ;;
    oai_dc.xsd) sed -i 's#schemaLocation="http://dublincore.org/schemas/xmls/simpledc20021212.xsd"#schemaLocation="dc.xsd"#' "$2" ;;
  esac
}

STAGE=$(mktemp -d "${DEST%/}.preparacion.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/ead3"
failed=0
while IFS='|' read -r name digest urls; do
  [ -n "$name" ] || continue
  got=""
  if [ -n "$FROM" ]; then
    sources="$FROM/$name"
  elif [ -n "$BASE" ]; then
    sources="${BASE%/}/$name"
  else
    sources=$urls
  fi
  for source in $sources; do
    if [ -n "$FROM" ]; then
      [ -f "$source" ] && cp "$source" "$STAGE/$name" || { echo "falta $source en la copia local" >&2; continue; }
    else
      fetch "$source" "$STAGE/$name" || { echo "no se pudo descargar $source" >&2; continue; }
    fi
    localize "$name" "$STAGE/$name"
    actual=$(sha256sum "$STAGE/$name" | cut -d' ' -f1)
    if [ "$actual" = "$digest" ]; then got=$source; break; fi
    echo "la huella de $name tomada de $source no coincide (esperada $digest, encontrada $actual)" >&2
  done
  if [ -z "$got" ]; then
    failed=$((failed + 1))
  else
    echo "ok  $name  ($got)"
  fi
done <<< "$SCHEMAS"
if [ "$failed" -gt 0 ]; then
  echo "No se instaló nada: $failed esquema(s) sin la huella esperada. Revise la red o la copia local y vuelva a ejecutar." >&2
  exit 1
fi

# bundle.xsd (escrito para Memoria: importa todos los anteriores en una sola validación) y el catálogo.
cat > "$STAGE/bundle.xsd" <<'XSD'
<?xml version="1.0" encoding="UTF-8"?>
<!-- bundle.xsd: written for Memoria (not an official schema). It only imports the official schemas of
     this folder, so one validation run checks METS plus the PREMIS, MIX and Dublin Core inside it. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="urn:memoria-de-hidalgo:xsd-bundle"
           elementFormDefault="qualified">
  <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="mets.xsd"/>
  <xs:import namespace="http://www.w3.org/1999/xlink" schemaLocation="xlink.xsd"/>
  <xs:import namespace="http://www.loc.gov/premis/v3" schemaLocation="premis.xsd"/>
  <xs:import namespace="http://www.loc.gov/mix/v20" schemaLocation="mix20.xsd"/>
  <xs:import namespace="http://purl.org/dc/elements/1.1/" schemaLocation="dc.xsd"/>
  <xs:import namespace="http://purl.org/dc/terms/" schemaLocation="dcterms.xsd"/>
  <xs:import namespace="http://purl.org/dc/dcmitype/" schemaLocation="dcmitype.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
</xs:schema>
XSD
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<!-- OASIS XML catalog written by Memoria scripts/install-schemas.sh: the official addresses of each schema, mapped to the file beside it. -->'
  echo '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog" prefer="system">'
  while IFS='|' read -r name digest urls; do
    for url in $urls http://dublincore.org/schemas/xmls/simpledc20021212.xsd; do
      case "$url" in *simpledc20021212*) [ "$name" = dc.xsd ] || continue ;; *raw.githubusercontent*) continue ;; esac
      for scheme in http https; do
        u="$scheme://${url#*://}"
        echo "  <uri name=\"$u\" uri=\"$name\"/>"
        echo "  <system systemId=\"$u\" uri=\"$name\"/>"
      done
    done
  done <<< "$SCHEMAS"
  echo '</catalog>'
} > "$STAGE/catalog.xml"

if command -v xmllint >/dev/null; then
  echo '<x/>' | xmllint --nonet --noout --schema "$STAGE/bundle.xsd" - 2>&1 | grep -q "fails to compile\|failed to compile" && {
    echo "bundle.xsd no compila con los esquemas descargados; no se instaló nada" >&2; exit 1; }
fi

mkdir -p "$(dirname "$DEST")"
if [ -e "$DEST" ]; then
  OLD="${DEST%/}.anterior-$(date +%Y%m%d-%H%M%S)"
  mv "$DEST" "$OLD"
  echo "la carpeta anterior se guardó en $OLD"
fi
mv "$STAGE" "$DEST"
trap - EXIT
chmod -R a+rX "$DEST"
echo "Esquemas instalados en $DEST. Ponga en pipeline.yaml:  paths: { schemas: $DEST }  y compruebe con: memoria status"
