#!/usr/bin/env bash
# Dataproc initialization action for Run Replicator: puts on each node what the job jar does not
# carry, from Cloud Storage URIs given as instance metadata:
#   replicator-jar-uri        (required) the launcher job jar, gs://.../replicator-launcher-*.jar
#   replicator-extra-jars     (optional) comma-separated gs:// URIs of more JDBC drivers
#   replicator-log4j-uri      (optional) a log4j.properties for the job's driver
#   replicator-truststore-uri (optional) a JKS/PKCS12 truststore for TLS to the source
#   replicator-config-uri     (optional) a replicator.properties (option values, never a password)
#                             that run-replicator.sh passes with --config
# Installs under /usr/lib/run-replicator (jars) and /etc/run-replicator (configuration), and writes
# /etc/run-replicator/replicator-env.sh, which puts the jars on HADOOP_CLASSPATH for `hadoop jar`.
# Safe to run twice: files are replaced only when their content changed. Never echoes secrets.
set -euo pipefail

# Tests run the action against a temporary root; on a node it is /.
readonly ROOT="${REPLICATOR_INIT_ROOT:-}"
readonly LIB_DIR="${ROOT}/usr/lib/run-replicator"
readonly CONF_DIR="${ROOT}/etc/run-replicator"
readonly METADATA_TOOL="${REPLICATOR_METADATA_TOOL:-/usr/share/google/get_metadata_value}"
readonly RETRIES="${REPLICATOR_INIT_RETRIES:-5}"
readonly RETRY_PAUSE_SECONDS="${REPLICATOR_INIT_RETRY_PAUSE:-2}"

log() { printf 'install-replicator: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# get_metadata_attribute NAME [DEFAULT]: an instance metadata attribute, or DEFAULT when unset.
get_metadata_attribute() {
  local name=$1 default=${2-}
  "${METADATA_TOOL}" "attributes/${name}" 2>/dev/null || printf '%s' "${default}"
}

# run_with_retry CMD...: network calls fail now and then; try a few times with growing pauses.
run_with_retry() {
  local attempt
  for ((attempt = 1; attempt <= RETRIES; attempt++)); do
    if "$@"; then
      return 0
    fi
    log "attempt ${attempt}/${RETRIES} of '$1 $2' failed; retrying"
    sleep $((attempt * RETRY_PAUSE_SECONDS))
  done
  return 1
}

copy_from_gcs() {
  local uri=$1 destination=$2
  if command -v gcloud >/dev/null; then
    gcloud storage cp --quiet "${uri}" "${destination}"
  else
    gsutil -q cp "${uri}" "${destination}"
  fi
}

# fetch URI DIR [MODE]: downloads URI into DIR under its own name, replacing the file only when the
# content changed, so a second run leaves the node exactly as it was.
fetch() {
  local uri=$1 dir=$2 mode=${3:-0644}
  [[ ${uri} == gs://* ]] || die "expected a gs:// URI, got '${uri}'"
  local name target staged
  name=$(basename "${uri}")
  target="${dir}/${name}"
  mkdir -p "${dir}"
  staged=$(mktemp "${dir}/.${name}.XXXXXX")
  if ! run_with_retry copy_from_gcs "${uri}" "${staged}"; then
    rm -f "${staged}"
    die "cannot download ${uri}"
  fi
  chmod "${mode}" "${staged}"
  if [[ -f ${target} ]] && cmp -s "${staged}" "${target}"; then
    rm -f "${staged}"
    log "${target} is up to date"
  else
    mv -f "${staged}" "${target}"
    log "installed ${target}"
  fi
  printf '%s' "${target}"
}

# write_if_changed FILE CONTENT: replaces FILE only when its content differs.
write_if_changed() {
  local file=$1 content=$2
  mkdir -p "$(dirname "${file}")"
  if [[ -f ${file} ]] && [[ "$(cat "${file}")" == "${content}" ]]; then
    return 0
  fi
  printf '%s\n' "${content}" >"${file}.tmp"
  mv -f "${file}.tmp" "${file}"
  log "wrote ${file}"
}

main() {
  local jar_uri extra_jars log4j_uri truststore_uri config_uri
  jar_uri=$(get_metadata_attribute replicator-jar-uri)
  config_uri=$(get_metadata_attribute replicator-config-uri)
  extra_jars=$(get_metadata_attribute replicator-extra-jars)
  log4j_uri=$(get_metadata_attribute replicator-log4j-uri)
  truststore_uri=$(get_metadata_attribute replicator-truststore-uri)
  [[ -n ${jar_uri} ]] || die "instance metadata 'replicator-jar-uri' is not set: create the cluster with --metadata replicator-jar-uri=gs://BUCKET/PATH/replicator-launcher.jar"

  local classpath jar uri
  jar=$(fetch "${jar_uri}" "${LIB_DIR}")
  classpath=${jar#"${ROOT}"}
  if [[ -n ${extra_jars} ]]; then
    IFS=',' read -r -a uris <<<"${extra_jars}"
    for uri in "${uris[@]}"; do
      jar=$(fetch "${uri}" "${LIB_DIR}/drivers")
      classpath="${classpath}:${jar#"${ROOT}"}"
    done
  fi
  local env_lines=("export HADOOP_CLASSPATH=\"${classpath}\${HADOOP_CLASSPATH:+:\${HADOOP_CLASSPATH}}\"")
  if [[ -n ${log4j_uri} ]]; then
    local log4j
    log4j=$(fetch "${log4j_uri}" "${CONF_DIR}")
    env_lines+=("export HADOOP_CLIENT_OPTS=\"-Dlog4j.configuration=file:${log4j#"${ROOT}"}\${HADOOP_CLIENT_OPTS:+ \${HADOOP_CLIENT_OPTS}}\"")
  fi
  if [[ -n ${truststore_uri} ]]; then
    # The truststore's password is a secret: it stays in Secret Manager or a file the job reads, never here.
    fetch "${truststore_uri}" "${CONF_DIR}/tls" 0600 >/dev/null
  fi
  if [[ -n ${config_uri} ]]; then
    local config
    config=$(fetch "${config_uri}" "${CONF_DIR}")
    env_lines+=("export REPLICATOR_CONFIG=\"${config#"${ROOT}"}\"")
  fi
  env_lines+=("export REPLICATOR_JAR=\"${classpath%%:*}\"")
  write_if_changed "${CONF_DIR}/replicator-env.sh" "$(printf '%s\n' "# Written by install-replicator.sh; sourced for hadoop jar runs." "${env_lines[@]}")"
  log "done"
}

main "$@"
