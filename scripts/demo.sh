#!/usr/bin/env bash
# Build the demo site into site/ on a fresh machine (creates .venv and installs Kanal first).
# Extra arguments go to `kanal build`, e.g. scripts/demo.sh --data path/to/data
source "$(dirname "$0")/_env.sh" ""
# The demo's records, post history and review dates were made on 2026-11-22: build it as of that
# day so it always looks as intended (accounts not gone dormant, reviews not stale). Override
# with SOURCE_DATE_EPOCH or --today.
case " $* " in
  *" --data"*) ;;  # another region: built as of today
  *) export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795305600}" ;;
esac
.venv/bin/kanal build "$@"
