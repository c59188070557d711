# shellcheck shell=bash
# Sourced by bin/test and the shell tests: a virtualenv with the Python readers the tests check the
# copied Parquet with (tools/readers/requirements.txt, pinned), created once in the cache outside
# the clone.

# shellcheck source=bin/lib/go-tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-tools.sh"
# shellcheck source=bin/lib/venvs.sh
source "$(dirname "${BASH_SOURCE[0]}")/venvs.sh"

# Exports READERS_PYTHON, the virtualenv's python.
ensure_readers_venv() {
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  READERS_PYTHON="$(ensure_venv readers "$repo/tools/readers/requirements.txt")/bin/python"
  export READERS_PYTHON
}
