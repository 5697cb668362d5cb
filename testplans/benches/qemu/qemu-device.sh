#!/bin/sh
# Power for a small real Linux under QEMU (a Debian kernel and a busybox initramfs), for the
# `command` power backend:
#   qemu-device.sh on    DIR CONFIG ADDRESS FORWARDS   boot it; its console appears at DIR/console
#   qemu-device.sh off   DIR                           pull the plug (SIGKILL, like a relay)
#   qemu-device.sh state DIR                           prints on or off
# DIR is the device's state folder (its "flash": the per-device password, the initramfs, the
# pidfile, QEMU's log). CONFIG is an initramfs configuration beside this script
# (vulnerable.sh, hardened.sh). FORWARDS lists host ports and guest ports, e.g. 2323:23,8080:80:
# user-mode networking forwards ADDRESS:HOST to the guest's PORT, and nothing else reaches it
# (restrict=on: the guest has no route out). A forwarded port the guest does not serve still
# accepts and then closes, so forward only what the device is wired to serve.
# Needs qemu-system-x86, linux-image-amd64, busybox-static and cpio (Debian packages). TCG only.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
cmd="${1:?usage: qemu-device.sh on|off|state DIR [CONFIG ADDRESS FORWARDS]}"
dir="${2:?missing the state folder}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
pidfile="$dir/qemu.pid"

running() {
  [ -s "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "qemu-system-x86_64.*$dir/"
}

case "$cmd" in
  state)
    if running; then echo on; else rm -f "$dir/console"; echo off; fi
    ;;
  off)
    # The console link goes first: a pty number freed by this kill may be handed at once to
    # another device's QEMU, and a rig reopening a stale link would then read that device.
    rm -f "$dir/console"
    if running; then
      pid="$(cat "$pidfile")"
      kill -KILL "$pid"
      # bounded wait until the process is gone, so the next `on` finds its ports free
      i=0; while [ -d "/proc/$pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    fi
    rm -f "$pidfile"
    ;;
  on)
    config="${3:?missing the configuration (vulnerable or hardened)}"
    address="${4:?missing the device address (127.0.0.N)}"
    forwards="${5:?missing the forwarded ports (HOST:GUEST,...)}"
    running && exit 0
    kernel="$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)"
    [ -r "$kernel" ] || { echo "qemu-device: no readable /boot/vmlinuz-* (install linux-image-amd64)" >&2; exit 1; }
    initrd="$dir/initramfs-$config.cpio"
    "$here/build-initramfs.sh" "$kernel" "$here/$config.sh" "$dir" "$initrd"
    # The kernel's own ELF image, booted through its PVH entry: decompressing bzImage's xz under
    # TCG costs more than ten seconds of every boot.
    vmlinux="$dir/vmlinux-${kernel##*/vmlinuz-}"
    if [ ! -s "$vmlinux" ] || [ "$kernel" -nt "$vmlinux" ]; then
      offset="$(LC_ALL=C grep -obUaP '\xfd7zXZ' "$kernel" | head -n 1 | cut -d: -f1)"
      [ -n "$offset" ] || { echo "qemu-device: $kernel is not xz-compressed; cannot extract its ELF image" >&2; exit 1; }
      tail -c +"$((offset + 1))" "$kernel" | xz -dc --single-stream > "$vmlinux.tmp"
      mv "$vmlinux.tmp" "$vmlinux"
    fi
    net="user,id=n0,restrict=on"
    for f in $(echo "$forwards" | tr ',' ' '); do
      net="$net,hostfwd=tcp:$address:${f%%:*}-:${f##*:}"
    done
    rm -f "$dir/console" "$pidfile"
    qemu-system-x86_64 -nodefaults -display none -accel tcg -m 192 -smp 1 -no-reboot \
      -kernel "$vmlinux" -initrd "$initrd" \
      -append "console=ttyS0,115200 panic=-1 loglevel=6 mitigations=off rig.device=$config" \
      -chardev pty,id=con -serial chardev:con -monitor none \
      -netdev "$net" -device e1000,netdev=n0 \
      -daemonize -pidfile "$pidfile" > "$dir/qemu.log" 2>&1 < /dev/null \
      || { tail -n 3 "$dir/qemu.log" >&2; exit 1; }
    pts="$(sed -n 's/.*char device redirected to \(\/dev\/pts\/[0-9]*\).*/\1/p' "$dir/qemu.log" | tail -n 1)"
    [ -n "$pts" ] || { echo "qemu-device: QEMU named no pty in $dir/qemu.log" >&2; exit 1; }
    ln -sfn "$pts" "$dir/.console.tmp" && mv -T "$dir/.console.tmp" "$dir/console"
    ;;
  *)
    echo "qemu-device: unknown command '$cmd' (on, off or state)" >&2; exit 2
    ;;
esac
