#!/usr/bin/env bash
# Debian packages yibao-flow needs: Pango and HarfBuzz subsetting for WeasyPrint (without
# libharfbuzz-subset0 a one-page Chinese form takes seconds instead of ~0.1 s), the Noto CJK
# fonts the forms print in, gettext to compile the catalogues, poppler-utils (pdftotext) for the
# PDF tests, redis-server for the Redis `make run` starts when REDIS_URL names none, Chromium for
# the browser journeys (Playwright drives Debian's build; it never downloads its own), npm for
# axe-core, the accessibility checker the journeys inject, and postgresql-client for pg_dump and
# pg_restore (manage.py backup and restore on PostgreSQL; they must be of the server's major
# version or later: for a newer server than Debian's, install postgresql-client-NN alongside).
# Installs what is missing when it can (root or sudo); otherwise names it and stops.
set -euo pipefail

packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 gettext poppler-utils
  chromium redis-server postgresql-client)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
# Any npm will do (a Node.js from elsewhere brings its own, and Debian's npm conflicts with it).
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "yibao-flow needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null \
  || { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null; }
