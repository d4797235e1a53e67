# Sourced by scripts/build, scripts/test and friends: make sure .venv matches
# requirements.txt (+ pyproject.toml) and is ready. Rebuilds it when the stamp differs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
STAMP="$VENV/.requirements.sha256"

want="$(cat requirements.txt pyproject.toml | "$PYTHON" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ ! -x "$VENV/bin/python" ] || [ "$want" != "$have" ]; then
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found %s)" % sys.version.split()[0])'
  echo "==> Creating .venv from requirements.txt (one-off, ~1 min)"
  rm -rf "$VENV"
  log="$(mktemp)"
  if ! { "$PYTHON" -m venv "$VENV" \
      && "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip \
      && "$VENV/bin/python" -m pip install --disable-pip-version-check -r requirements.txt \
      && "$VENV/bin/python" -m pip install --disable-pip-version-check --no-deps -e . \
      && "$VENV/bin/python" -c 'import jupyter_book, myst_nb, hipcapsule, hipcourse, coursekit'; } \
      > "$log" 2>&1; then
    grep -v '^WARNING: Location' "$log" | tail -30 >&2
    echo "scripts: error: could not set up .venv from requirements.txt (see above)" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  echo "$want" > "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
export PYDEVD_DISABLE_FILE_VALIDATION=1
export MPLBACKEND=Agg
