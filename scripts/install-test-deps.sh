#!/usr/bin/env bash
# Installs what the test suite needs, and only what is missing.
# Debian packages:
#   gcc, libc6-dev, linux-libc-dev: GPIO struct layouts are checked against linux/gpio.h compiled with gcc
#   openssl: report signatures are verified with the openssl command, as a third party would
#   util-linux: setsid, used by the command power backend
#   graphviz: the DOT drawings of plans are checked by Graphviz's dot
#   chromium: reports with hostile console evidence are opened in headless Chromium (inert text, no script, no navigation, a screenshot)
#   jq: the README's recipe for checking a report's attestation with openssl and jq is run as written
#   openssh-client: CRED-02 logs in to the virtual cameras' sshd with the system's ssh, as a lab's rig does
#   qemu-system-x86, linux-image-amd64, busybox-static, cpio: the QEMU bench boots a real Debian kernel
#     with a busybox initramfs built at test time (testplans/benches/qemu)
#   time: GNU time measures rig's peak memory on hostile input files
#   nats-server: the lab test runs agents and users against a real server (JetStream, TLS, users)
#   nodejs, npm (only when no node/npm is on the PATH): run Mermaid's own parser
# npm packages (pinned in tests/Rig.Tests/Graphs/mermaid/package-lock.json), into out/npm and kept
# there until the lock file changes: mermaid and jsdom, to check the Mermaid drawings of plans.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(gcc libc6-dev linux-libc-dev openssl util-linux graphviz chromium jq openssh-client
          qemu-system-x86 linux-image-amd64 busybox-static cpio time nats-server)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
"$repo/scripts/apt-install-missing.sh" "${packages[@]}"

lock="$repo/tests/Rig.Tests/Graphs/mermaid/package-lock.json"
npm_dir="$repo/out/npm"
if ! cmp -s "$lock" "$npm_dir/package-lock.json" || [ ! -d "$npm_dir/node_modules/mermaid" ]; then
  echo "install-test-deps: installing Mermaid's parser into out/npm" >&2
  rm -rf "$npm_dir"
  mkdir -p "$npm_dir"
  cp "$repo/tests/Rig.Tests/Graphs/mermaid/package.json" "$lock" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi
