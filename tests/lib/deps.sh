#!/bin/sh
# deps.sh PACKAGE...: make sure the Debian packages are installed.
#
# As root, missing packages are installed with apt-get.  Otherwise the exact
# command to run is printed and the build stops, so nothing half-works.
missing=""
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		# Node.js may come from another Debian repository under the same name.
		case $p in
		nodejs) command -v node >/dev/null 2>&1 && continue ;;
		npm) command -v npm >/dev/null 2>&1 && continue ;;
		esac
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "Missing Debian packages. Install them as root with:"
	echo
	echo "    apt-get update && apt-get install -y --no-install-recommends$missing"
	echo
	exit 1
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null || exit 1
apt-get install -y -q --no-install-recommends $missing >/dev/null || exit 1
