#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: creates .venv, installs Kanal with its test
# dependencies, installs Debian's Chromium for the browser tests if it is missing, lints, tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k escaping
source "$(dirname "$0")/_env.sh" "[test]"
if [ ! -x /usr/bin/chromium ]; then
  echo "Memasang Chromium dari Debian untuk uji peramban..." >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  # A fresh machine may be running its own updates: wait for the apt/dpkg lock (10 minutes)
  # instead of failing at once.
  APT_WAIT=(-o DPkg::Lock::Timeout=600)
  $SUDO apt-get "${APT_WAIT[@]}" update -qq
  # A named font: layout tests (44 px tap targets, contrast) must not depend on apt defaults.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq \
    chromium fonts-dejavu-core >/dev/null
fi
.venv/bin/ruff check generator tests scripts benchmarks
.venv/bin/python -m pytest "$@"
