#!/usr/bin/env bash
# Runs rig, building it first when the sources changed since the last build.
#   ./rig.sh demo --out demo-out
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/out/rig"

stale() {
  [ ! -x "$out/rig" ] && return 0
  [ -n "$(find "$here/rig" "$here/drivers" "$here/reports" "$here/testplans" \
            "$here/Directory.Build.props" "$here/Directory.Packages.props" \
            -newer "$out/rig" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]
}

mkdir -p "$here/out"
# The demo's CRED-02 logs in with the system's OpenSSH client; a fresh machine may not have it.
if [ "${1:-}" = demo ] && ! command -v ssh >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  "$here/scripts/apt-install-missing.sh" openssh-client
fi
if stale; then
  echo "rig.sh: building rig (first run restores packages; this takes a minute)..." >&2
  # A failed build, or one that left no program, shows its log (not "cannot touch ..." below).
  if ! { dotnet build "$here/rig/Rig.Cli/Rig.Cli.csproj" -c Release -o "$out" -nologo -v quiet >"$here/out/build.log" 2>&1 \
         && [ -x "$out/rig" ]; }; then
    cat "$here/out/build.log" >&2
    echo "rig.sh: build failed (log above, also in out/build.log)" >&2
    exit 2
  fi
  touch "$out/rig"
fi
exec "$out/rig" "$@"
