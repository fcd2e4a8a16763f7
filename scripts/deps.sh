#!/bin/sh
# Install the Debian packages antt needs to build, run and test.
# A no-op when all are present; otherwise apt-get (as root, or through sudo).
set -eu

PKGS="gcc make pkg-config libncurses-dev libsqlite3-dev libxlsxwriter-dev
libyaml-dev libunistring-dev libcsv-dev nettle-dev libisal-dev libcmocka-dev sqlite3
tmux procps python3-openpyxl python3-xlsxwriter python3-yaml python3-cryptography bc time
libreoffice-calc-nogui poppler-utils fonts-liberation fonts-crosextra-carlito"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "antt: cài các gói còn thiếu:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
