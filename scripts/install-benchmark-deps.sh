#!/usr/bin/env bash
# Installs the peers the benchmark suite measures Rig against, and only what is missing.
# Debian packages:
#   gcc, libc6-dev: the raw C reader (the physical baseline) and the device side are built on the spot
#   python3, python3-pexpect: pexpect, with its default settings, as most lab scripts use it
#   expect: Tcl expect
#   hydra, medusa: the credential sweep's peers
set -euo pipefail

packages=(gcc libc6-dev python3 python3-pexpect expect hydra medusa)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-benchmark-deps: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
