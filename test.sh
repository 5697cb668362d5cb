#!/usr/bin/env bash
# Installs what the tests need and runs the whole suite on real ptys, real child processes,
# loopback sockets and the openssl command. Hardware tests (a real GPIO chip) show as skipped
# where the machine has none. The benchmark's peers (hydra, medusa) are installed too: the
# sweep scenario's test checks how their answers are read.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
scripts/install-test-deps.sh
scripts/install-benchmark-deps.sh   # the benchmark suite runs in quick mode among the tests
scripts/install-arm64-emulation.sh  # the package test runs the Raspberry Pi's arm64 rig under QEMU
mkdir -p out
set +e
dotnet test Rig.sln -c Release --nologo 2>&1 | tee out/test.log
status=${PIPESTATUS[0]}
set -e
# One plain closing line that any CI can read.
summary=$(grep -E '^(Passed|Failed)!' out/test.log | tail -1)
passed=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$summary")
failed=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$summary")
skipped=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$summary")
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
