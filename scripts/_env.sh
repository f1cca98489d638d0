# Shared by scripts/demo.sh and scripts/test.sh: a project virtualenv with Kanal installed.
# Usage: source scripts/_env.sh EXTRAS [newest|locked|keep]
#   EXTRAS: "" or "[test]"
#   newest: upgrade every dependency to the newest version pyproject.toml allows (what a new
#           user gets; the default of scripts/test.sh and CI)
#   locked: install the versions of constraints/tested.txt (the last green run)
#   keep:   leave what .venv already has (the default of scripts/demo.sh)
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
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
case "${2:-keep}" in
  newest) "${PIP[@]}" --upgrade --upgrade-strategy eager -e ".$1" ;;
  locked) "${PIP[@]}" -c constraints/tested.txt -e ".$1" ;;
  *) "${PIP[@]}" -e ".$1" ;;
esac
