#!/usr/bin/env bash
# The shell route, for users who keep it: `run-replicator.sh DB TABLE [options]`, the same
# positional arguments as the on-prem run_replicator.sh, runs the job jar that
# install-replicator.sh put on this node with `hadoop jar`. Option values come from the
# properties file the init action installed (REPLICATOR_CONFIG; see `replicator run --help`), from
# REPLICATOR_* environment variables, and from the options given here, which win.
set -euo pipefail

readonly ENV_FILE="${REPLICATOR_ENV_FILE:-/etc/run-replicator/replicator-env.sh}"

if [[ $# -lt 2 ]]; then
  printf 'usage: %s DB TABLE [replicator run options]\n' "$(basename "$0")" >&2
  exit 2
fi
if [[ ! -f ${ENV_FILE} ]]; then
  printf 'run-replicator: %s is missing: create the cluster with the install-replicator.sh initialization action\n' \
    "${ENV_FILE}" >&2
  exit 2
fi
# shellcheck source=/dev/null
source "${ENV_FILE}"

db=$1
table=$2
shift 2
# The jar's manifest names the main class, so hadoop jar takes the subcommand as the first argument.
exec hadoop jar "${REPLICATOR_JAR}" run "${db}" "${table}" "$@"
