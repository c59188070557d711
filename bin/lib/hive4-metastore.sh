# Sourced by bin/test: the classpath of a Hive 4.0.1 metastore server (tools/hive4-metastore/pom.xml),
# which the tests run as a child process, resolved once into a file in the cache outside the clone.

# shellcheck source=bin/lib/go-tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-tools.sh"

# Exports HIVE4_METASTORE_CLASSPATH: the path of a file holding the server's classpath.
ensure_hive4_metastore() {
  local pom=$root/tools/hive4-metastore/pom.xml
  local key file
  key=$(sha256sum "$pom" | cut -c1-16)
  file="$(replicator_cache)/hive4-metastore-$key.classpath"
  if [ ! -s "$file" ]; then
    printf 'resolving the Hive 4 metastore server (once; cached)\n' >&2
    mkdir -p "$(dirname "$file")"
    mvn -B -ntp -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$file" >&2 || { rm -f "$file"; return 1; }
  fi
  HIVE4_METASTORE_CLASSPATH=$file
  export HIVE4_METASTORE_CLASSPATH
}
