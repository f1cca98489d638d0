#!/usr/bin/env bash
# Build the demo site into site/ on a fresh machine (creates .venv and installs Kanal first).
# Extra arguments go to `kanal build`, e.g. scripts/demo.sh --data path/to/data
source "$(dirname "$0")/_env.sh" ""
.venv/bin/kanal build "$@"
