# Shared by scripts/demo.sh and scripts/test.sh: a project virtualenv with Kanal installed.
# Usage: source scripts/_env.sh EXTRAS   (EXTRAS: "" or "[test]")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Kanal butuh Python 3.11 atau lebih baru; $("$PY" --version 2>&1) ditemukan." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv || {
    echo "Tidak bisa membuat .venv. Di Debian/Ubuntu pasang dulu: sudo apt-get install python3-venv" >&2
    exit 1
  }
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$1"
