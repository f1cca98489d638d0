#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: creates .venv, installs Kanal with its test
# dependencies, installs Debian's Chromium for the browser tests if it is missing, lints, tests.
# Dependencies: the newest versions pyproject.toml allows, as a new user gets them (the venv is
# upgraded each run); with --locked first, the versions of the last green run
# (constraints/tested.txt). A report of what differs from those is printed before the tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k escaping
MODE=newest
if [ "${1:-}" = "--locked" ]; then MODE=locked; shift; fi
source "$(dirname "$0")/_env.sh" "[test]" "$MODE"
.venv/bin/python scripts/dependencies.py report
if [ ! -x /usr/bin/chromium ]; then
  echo "Memasang Chromium dari Debian untuk uji peramban..." >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  # A fresh machine may be running its own updates: wait for the apt/dpkg lock (10 minutes)
  # instead of failing at once. DPkg::Lock::Timeout covers install (dpkg's lock); `update`
  # takes the package lists' lock, which apt 2.6 does not wait for: retry it while locked.
  APT_WAIT=(-o DPkg::Lock::Timeout=600)
  for attempt in $(seq 60); do
    if apt_err=$($SUDO apt-get "${APT_WAIT[@]}" update -qq 2>&1 >/dev/null); then break; fi
    case "$apt_err" in
      *lock*) [ "$attempt" -lt 60 ] || { echo "$apt_err" >&2; exit 1; }
              echo "apt sedang dipakai proses lain; menunggu..." >&2; sleep 10 ;;
      *) echo "$apt_err" >&2; exit 1 ;;
    esac
  done
  # A named font: layout tests (44 px tap targets, contrast) must not depend on apt defaults.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get "${APT_WAIT[@]}" install -y -qq \
    chromium fonts-dejavu-core >/dev/null
fi
.venv/bin/ruff check generator tests scripts benchmarks
.venv/bin/python -m pytest "$@"
