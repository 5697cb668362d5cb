#!/usr/bin/env bash
# Installs the peers the benchmark suite measures Rig against, and only what is missing.
# Debian packages:
#   gcc, libc6-dev: the raw C reader (the physical baseline) and the device side are built on the spot
#   python3, python3-pexpect: pexpect, with its default settings, as most lab scripts use it
#   expect: Tcl expect
#   hydra, medusa: the credential sweep's peers
#   time: GNU time measures each rig certify process whole (peak memory, CPU) in the 16-slot scenario
set -euo pipefail

packages=(gcc libc6-dev python3 python3-pexpect expect hydra medusa time)
"$(dirname "${BASH_SOURCE[0]}")/apt-install-missing.sh" "${packages[@]}"
