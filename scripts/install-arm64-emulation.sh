#!/usr/bin/env bash
# Installs what the emulated arm64 package test needs (DebPackageTests; test.sh runs this):
#   qemu-user-static, libc6:arm64, libstdc++6:arm64, libssl3:arm64: the arm64 package (a Raspberry
#     Pi's) runs under QEMU's user-mode emulator with Debian's own arm64 libraries (the arm64
#     architecture is added for them)
#   binfmt_misc: QEMU is registered with the kernel, because rig starts its supervisor and rig-vdev
#     as programs of its own architecture. This changes the machine for every arm64 program (they
#     then run under QEMU), which is why it is a script of its own.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
dpkg --print-foreign-architectures | grep -qx arm64 || $sudo dpkg --add-architecture arm64
"$repo/scripts/apt-install-missing.sh" qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64

binfmt=/proc/sys/fs/binfmt_misc
[ -e "$binfmt/register" ] || $sudo mount -t binfmt_misc binfmt_misc "$binfmt"
[ -e "$binfmt/qemu-aarch64" ] || $sudo sh -c "cat /usr/lib/binfmt.d/qemu-aarch64.conf > $binfmt/register"
