# shellcheck shell=bash
# Sourced by bin/test (and bench/run): builds the Go programs the tests start as local stand-ins
# for Google services. They take minutes to build on two cores, so each is built once into a
# cache outside the clone, under a name that changes with its pinned version.

replicator_cache() {
  printf '%s' "${RUN_REPLICATOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/run-replicator}"
}

# go_tool NAME MODULE VERSION: `go install MODULE@VERSION`; prints the binary's path.
go_tool() {
  local name=$1 module=$2 version=$3
  local bin_dir
  bin_dir="$(replicator_cache)/go/$name-$version"
  if [ ! -x "$bin_dir/$name" ]; then
    printf 'building %s %s (once; cached)\n' "$name" "$version" >&2
    mkdir -p "$bin_dir"
    GOBIN="$bin_dir" CGO_ENABLED=0 go install "$module@$version" >&2
  fi
  printf '%s' "$bin_dir/$name"
}

# go_wrapped_tool NAME DIR PACKAGE: builds PACKAGE from the wrapper module in DIR, whose go.mod and
# go.sum pin it; cached by the hash of go.sum. Prints the binary's path.
go_wrapped_tool() {
  local name=$1 dir=$2 package=$3
  local key bin
  key=$(sha256sum "$dir/go.sum" | cut -c1-16)
  bin="$(replicator_cache)/go/$name-$key/$name"
  if [ ! -x "$bin" ]; then
    printf 'building %s (once; cached)\n' "$name" >&2
    mkdir -p "$(dirname "$bin")"
    (cd "$dir" && CGO_ENABLED=0 go build -o "$bin" "$package") >&2
  fi
  printf '%s' "$bin"
}

# Exports FAKE_GCS_SERVER_BIN alone: for the GCS commit benchmark, which needs no other stand-in.
ensure_fake_gcs_server() {
  command -v go >/dev/null || { printf 'go is needed to build fake-gcs-server, the stand-in for Cloud Storage\n' >&2; return 1; }
  FAKE_GCS_SERVER_BIN=$(go_tool fake-gcs-server github.com/fsouza/fake-gcs-server v1.56.1)
  export FAKE_GCS_SERVER_BIN
}

# Exports the paths the Java test fixtures start the stand-ins from.
ensure_go_tools() {
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  ensure_fake_gcs_server
  BIGQUERY_EMULATOR_BIN=$(go_wrapped_tool bigquery-emulator "$repo/tools/bigquery-emulator" \
    github.com/goccy/bigquery-emulator/cmd/bigquery-emulator)
  export BIGQUERY_EMULATOR_BIN
  # The Pub/Sub fake (pstest from cloud.google.com/go/pubsub/v2) behind a small main, for notify and the trigger.
  PSTEST_BIN=$(go_wrapped_tool pstest "$repo/tools/pstest" .)
  export PSTEST_BIN
}
