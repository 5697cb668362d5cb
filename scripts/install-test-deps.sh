#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, and only those that are missing.
#   gcc, libc6-dev, linux-libc-dev: GPIO struct layouts are checked against linux/gpio.h compiled with gcc
#   openssl: report signatures are verified with the openssl command, as a third party would
#   util-linux: setsid, used by the command power backend
set -euo pipefail
packages=(gcc libc6-dev linux-libc-dev openssl util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-test-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
