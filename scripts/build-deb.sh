#!/usr/bin/env bash
# Builds the Debian packages of Rig from this checkout: rig_VERSION_arm64.deb (a Raspberry Pi) and
# rig_VERSION_amd64.deb.
#   scripts/build-deb.sh [--arch arm64|amd64]... [--out DIR] [--version X.Y.Z]
# Default: both architectures, into out/deb. Needs the .NET SDK, dpkg-deb and (for amd64) gcc.
#
# Layout: /usr/lib/rig holds the self-contained publish of rig (with rig-vdev beside it, where the
# sim power backend looks); /usr/share/rig/testplans the shipped plans, fragments, profiles, benches,
# schemes and word lists, linked as /usr/lib/rig/testplans, where rig looks (RigData); /usr/bin/rig
# and /usr/bin/rig-vdev are links. The man page is rig's own --help, every command's.
# amd64: rig and rig-vdev are native programs (Native AOT, linked with the host's gcc); arm64:
# ReadyToRun, since an arm64 Native AOT build does not run under the QEMU the package is tested
# with (rig/ColdStart.props says what was tried).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkg="$repo/scripts/deb"

arches=()
out="$repo/out/deb"
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arches+=("${2:?--arch needs arm64 or amd64}"); shift 2 ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    --version) version="${2:?--version needs a version}"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-deb.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#arches[@]} -gt 0 ] || arches=(arm64 amd64)
for a in "${arches[@]}"; do
  case "$a" in arm64|amd64) ;; *) echo "build-deb.sh: --arch $a: use arm64 or amd64" >&2; exit 2 ;; esac
done
[ -n "$version" ] || version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -1)"
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || { echo "build-deb.sh: '$version' is not a Debian version" >&2; exit 2; }
command -v dpkg-deb >/dev/null || { echo "build-deb.sh: dpkg-deb is missing (Debian package dpkg)" >&2; exit 2; }
for a in "${arches[@]}"; do
  if [ "$a" = amd64 ] && ! command -v gcc >/dev/null; then
    echo "build-deb.sh: gcc is missing (Debian packages gcc and libc6-dev): the amd64 build is linked natively" >&2; exit 2
  fi
done

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rig-deb.XXXXXX")"
trap 'rm -rf "$work"' EXIT

rid() { case "$1" in arm64) echo linux-arm64 ;; amd64) echo linux-x64 ;; esac; }
host_arch="$(dpkg --print-architecture 2>/dev/null || echo unknown)"

# A build of its own (--artifacts-path): the checkout's bin/ and obj/ stay as they are.
publish() {
  dotnet publish "$repo/rig/Rig.Cli/Rig.Cli.csproj" -c Release -r "$(rid "$1")" --self-contained \
    -p:Version="$version" --artifacts-path "$work/artifacts" -o "$2" -nologo -v quiet >"$work/publish-$1.log" 2>&1 \
    || { cat "$work/publish-$1.log" >&2; echo "build-deb.sh: dotnet publish for $1 failed" >&2; exit 1; }
}

# rig's --help and every command's, as a man page: the page cannot drift from the program.
man_page() {
  local rig="$1" cmd
  {
    echo ".TH RIG 1 \"\" \"rig $version\" \"User Commands\""
    echo ".SH NAME"
    echo "rig \\- a hardware-in-the-loop certification rig for connected devices"
    echo ".SH SYNOPSIS"
    echo ".B rig"
    echo ".I command"
    echo "[options]"
    echo ".SH DESCRIPTION"
    help_block "$rig"
    while read -r cmd; do
      echo ".SS rig $cmd"
      # shellcheck disable=SC2086 # a command path is words
      help_block "$rig" $cmd
    done < <(commands "$rig")
    echo ".SH FILES"
    echo ".TP"
    echo ".I /usr/share/rig/testplans"
    echo "shipped plans, fragments, device profiles, benches, schemes and word lists"
    echo ".TP"
    echo ".I ~/.local/state/rig/BENCH"
    echo "a bench's state: slot locks, console links, virtual devices' flash"
    echo ".SH SEE ALSO"
    echo "/usr/share/doc/rig/README.md"
  } | gzip -9n
}

# The words of rig [PATH...] --help, escaped for troff, verbatim.
help_block() {
  local rig="$1"; shift
  echo ".nf"
  "$rig" "$@" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
  echo ".fi"
}

# Every command path below the root, depth first ("plans", "plans validate", ...).
commands() {
  local rig="$1"; shift
  local sub
  for sub in $("$rig" "$@" --help | awk '/^Commands:/{c=1; next} c && /^  [a-z]/{print $1} c && /^$/{c=0}'); do
    echo "$* $sub" | sed 's/^ //'
    commands "$rig" "$@" "$sub"
  done
}

runs_here() { "$1" --version >/dev/null 2>&1; }

build_one() {
  local arch="$1" stage="$work/stage-$1"
  local lib="$stage/usr/lib/rig"
  echo "build-deb.sh: publishing rig for $arch ($(rid "$arch"))..." >&2
  publish "$arch" "$lib"
  mkdir -p "$stage/usr/share/rig" "$stage/usr/bin" "$stage/usr/share/man/man1" "$stage/usr/share/doc/rig" \
           "$stage/usr/lib/systemd/system" "$stage/usr/lib/udev/rules.d" "$stage/DEBIAN"
  mv "$lib/testplans" "$stage/usr/share/rig/testplans"
  ln -s ../../share/rig/testplans "$lib/testplans"
  ln -s ../lib/rig/rig "$stage/usr/bin/rig"
  ln -s ../lib/rig/rig-vdev "$stage/usr/bin/rig-vdev"
  install -m 0644 "$pkg/rig-off@.service" "$pkg/rig-agent@.service" "$stage/usr/lib/systemd/system/"
  install -m 0644 "$pkg/60-rig.rules" "$stage/usr/lib/udev/rules.d/"
  install -m 0644 "$repo/README.md" "$stage/usr/share/doc/rig/README.md"
  install -m 0755 "$pkg/postinst" "$pkg/postrm" "$stage/DEBIAN/"

  # The man page from a rig of this machine's architecture (not an emulated one: slow): the one
  # just built for it, else a portable build.
  local helper="$work/stage-$host_arch/usr/lib/rig/rig"
  if [ ! -x "$helper" ] || ! runs_here "$helper"; then
    helper="$work/portable/rig"
    if [ ! -x "$helper" ]; then
      dotnet build "$repo/rig/Rig.Cli/Rig.Cli.csproj" -c Release -p:Version="$version" \
        --artifacts-path "$work/artifacts" -o "$work/portable" -nologo -v quiet >"$work/portable.log" 2>&1 \
        || { cat "$work/portable.log" >&2; exit 1; }
    fi
  fi
  man_page "$helper" >"$stage/usr/share/man/man1/rig.1.gz"

  # Modes as Debian wants them whatever the umask: programs 0755, everything else 0644.
  find "$stage" -type d -exec chmod 0755 {} +
  find "$stage/usr" -type f -exec chmod 0644 {} +
  chmod 0755 "$lib/rig" "$lib/rig-vdev"
  if [ -f "$lib/createdump" ]; then chmod 0755 "$lib/createdump"; fi

  local size
  size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$pkg/control" >"$stage/DEBIAN/control"
  (cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
  chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

  local deb="$out/rig_${version}_${arch}.deb"
  dpkg-deb --build --root-owner-group -Zxz "$stage" "$deb" >/dev/null
  echo "$deb"
}

# The host's own architecture first, so a foreign one can take its man page from it.
ordered=()
for a in "${arches[@]}"; do [ "$a" = "$host_arch" ] && ordered+=("$a"); done
for a in "${arches[@]}"; do [ "$a" != "$host_arch" ] && ordered+=("$a"); done
for a in "${ordered[@]}"; do
  build_one "$a"
done
