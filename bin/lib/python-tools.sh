# Sourced by bin/test and the shell tests: a virtualenv with the Python readers the tests check the
# copied Parquet with (tools/readers/requirements.txt, pinned), created once in a cache outside the
# clone under a name that changes with the requirements file.

# shellcheck source=bin/lib/go-tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-tools.sh"

# Exports READERS_PYTHON, the virtualenv's python.
ensure_readers_venv() {
  local requirements=$root/tools/readers/requirements.txt
  local key venv
  key=$(sha256sum "$requirements" | cut -c1-16)
  venv="$(replicator_cache)/venv-readers-$key"
  if [ ! -x "$venv/bin/python" ]; then
    printf 'creating the readers virtualenv (once; cached)\n' >&2
    rm -rf "$venv"
    python3 -m venv "$venv" >&2 && "$venv/bin/python" -m pip install -q --no-deps -r "$requirements" >&2 || {
      rm -rf "$venv"
      return 1
    }
  fi
  READERS_PYTHON=$venv/bin/python
  export READERS_PYTHON
}
