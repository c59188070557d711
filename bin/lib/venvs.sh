# shellcheck shell=bash
# Sourced by bin/test: Python virtual environments built from pinned requirements files (full
# freezes, so pip installs exactly them and resolves nothing), once, into the cache outside the
# clone, under a name that changes with the file's content.

# ensure_venv NAME REQUIREMENTS: prints the venv's directory.
ensure_venv() {
  local name=$1 requirements=$2 key dir
  key=$(sha256sum "$requirements" | cut -c1-16)
  dir="$(replicator_cache)/venv/$name-$key"
  if [ ! -f "$dir/.complete" ]; then
    printf 'building the %s Python environment (once; cached)\n' "$name" >&2
    rm -rf "$dir"
    python3 -m venv "$dir" >&2
    "$dir/bin/pip" install -q --disable-pip-version-check --no-deps -r "$requirements" >&2
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}
