#!/bin/sh
# Builds the initramfs of the QEMU test device from installed Debian packages only:
#   build-initramfs.sh KERNEL CONFIG DIR OUT
# busybox-static is the whole userland, the kernel's own e1000 module drives the network card,
# CONFIG (a shell file beside this script) says which services start and how the console logs
# in. A per-device root password is made on the first build and kept in DIR/root-password
# (mode 0600): the lab's record of this unit, like the label on a real device. Rebuilt only when
# an input is newer than OUT.
set -eu
kernel="$1"; config="$2"; dir="$3"; out="$4"
here="$(cd "$(dirname "$0")" && pwd)"
version="${kernel##*/vmlinuz-}"
module="$(find "/lib/modules/$version/kernel/drivers/net/ethernet/intel/e1000" -name 'e1000.ko*' | head -n 1)"
[ -n "$module" ] || { echo "build-initramfs: no e1000 module for kernel $version" >&2; exit 1; }

if [ ! -s "$dir/root-password" ]; then
  umask 077
  tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 16 > "$dir/root-password"
fi

if [ -s "$out" ] && [ "$out" -nt "$config" ] && [ "$out" -nt "$here/init.sh" ] && [ "$out" -nt "$0" ] \
   && [ "$out" -nt "$kernel" ] && [ "$out" -nt "$dir/root-password" ]; then
  exit 0
fi

# shellcheck source=/dev/null
. "$config"   # sets root_password (empty: the per-device one)
password="${root_password:-$(cat "$dir/root-password")}"
hash="$(busybox mkpasswd -m sha512 "$password")"

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/etc/rig" "$root/lib/modules" \
  "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/root" "$root/www" "$root/var/run"
cp /bin/busybox "$root/bin/busybox"
case "$module" in
  *.xz) xz -dc "$module" > "$root/lib/modules/e1000.ko" ;;
  *.zst) zstd -qdc "$module" > "$root/lib/modules/e1000.ko" ;;
  *) cp "$module" "$root/lib/modules/e1000.ko" ;;
esac
cp "$here/init.sh" "$root/init"
cp "$config" "$root/etc/rig/device.sh"
chmod 0755 "$root/init"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'root:%s:19000:0:99999:7:::\n' "$hash" > "$root/etc/shadow"
chmod 0600 "$root/etc/shadow"
printf 'root:x:0:\n' > "$root/etc/group"
printf 'qcam\n' > "$root/etc/hostname"
tmp="$out.tmp"
(cd "$root" && find . | cpio -o -H newc --quiet ) > "$tmp"   # uncompressed: gunzip under TCG costs a second of every boot
mv "$tmp" "$out"
