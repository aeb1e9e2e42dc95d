#!/bin/sh
# Debian packages the project uses beside Python: Pango for WeasyPrint's PDFs,
# poppler-utils (pdftotext, pdffonts) for the PDF tests, Debian's Chromium and the IPAex Gothic font
# for the browser tests.  Installs only what is missing; says so when it cannot.
set -u
missing=""
for pkg in libpango-1.0-0 libpangoft2-1.0-0 poppler-utils chromium fonts-ipaexfont-gothic; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: please install these Debian packages:$missing" >&2
  exit 0
fi
echo "system-deps: installing$missing"
apt-get update -qq >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
  || echo "system-deps: could not install$missing" >&2
exit 0
