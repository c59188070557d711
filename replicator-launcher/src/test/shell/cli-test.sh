#!/usr/bin/env bash
# Shell tests of bin/replicator as users and the DAG call it: the real script, the real job jar.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
replicator=$root/bin/replicator
work=$(mktemp -d)
gcs_pid=
cleanup() {
  [ -z "$gcs_pid" ] || kill "$gcs_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0

check() {
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
  fi
}

run_cli() {
  "$replicator" "$@" >"$work/out" 2>"$work/err"
  echo $? >"$work/rc"
}

rc() { cat "$work/rc"; }
stderr_lines() { grep -vc '^\s*$' "$work/err"; }

help_exits_zero() {
  run_cli --help
  [ "$(rc)" = 0 ] && grep -q 'run' "$work/out"
}

missing_source_url_is_a_usage_error_on_one_line() {
  run_cli run sales orders --target "file://$work/t1"
  [ "$(rc)" = 2 ] && [ "$(stderr_lines)" = 1 ] && grep -q 'source-url' "$work/err" && [ ! -e "$work/t1" ]
}

table_name_carrying_sql_is_refused_before_connecting() {
  run_cli run sales 'x; DROP TABLE y' --source-url 'jdbc:h2:mem:none' --target "file://$work/t2"
  [ "$(rc)" = 2 ] && [ "$(stderr_lines)" = 1 ] && grep -q "Invalid table name" "$work/err" && [ ! -e "$work/t2" ]
}

demo_copies_the_table_and_ends_with_a_json_summary() {
  run_cli demo --rows 20000 --target "file://$work/demo" --ledger "embedded:$work/ledger"
  local last
  last=$(tail -n 1 "$work/out")
  local partition
  partition=$(ls -d "$work"/demo/dev1_groupondw/ref_attr_class_dev/ds=* 2>/dev/null | head -n 1)
  [ "$(rc)" = 0 ] \
    && [[ $last == '{"status":"SUCCEEDED"'* ]] \
    && [[ $last == *'"rows":20000'* ]] \
    && [ -n "$partition" ] \
    && ls "$partition"/run-*/*.parquet >/dev/null 2>&1 \
    && [ -z "$(find "$work/demo/_replicator" -path '*/runs/*' 2>/dev/null)" ]
}

# --- gs:// through the Cloud Storage connector, against fake-gcs-server ------------------------
# (Directory marker objects, names ending in '/', are how the connector keeps empty directories.)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# gcs_objects BUCKET PREFIX: the object names under PREFIX, one per line.
gcs_objects() {
  python3 - "$gcs_url" "$1" "$2" <<'PY'
import json, sys, urllib.parse, urllib.request
url, bucket, prefix = sys.argv[1:4]
token = None
while True:
    query = {"prefix": prefix}
    if token:
        query["pageToken"] = token
    with urllib.request.urlopen(f"{url}/storage/v1/b/{bucket}/o?" + urllib.parse.urlencode(query)) as r:
        page = json.load(r)
    for item in page.get("items", []):
        print(item["name"])
    token = page.get("nextPageToken")
    if not token:
        break
PY
}

start_fake_gcs() {
  if [ -z "${FAKE_GCS_SERVER_BIN:-}" ]; then
    # shellcheck source=bin/lib/go-tools.sh
    source "$root/bin/lib/go-tools.sh"
    ensure_go_tools
  fi
  local port
  port=$(free_port)
  gcs_url=http://127.0.0.1:$port
  "$FAKE_GCS_SERVER_BIN" -scheme http -host 127.0.0.1 -port "$port" -backend memory \
    -external-url "$gcs_url" -public-host "127.0.0.1:$port" -log-level error >"$work/fake-gcs.log" 2>&1 &
  gcs_pid=$!
  for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('$gcs_url/storage/v1/b?project=p')" 2>/dev/null && break
    sleep 0.1
  done
  python3 -c "
import urllib.request
urllib.request.urlopen(urllib.request.Request('$gcs_url/storage/v1/b?project=p', data=b'{\"name\":\"replica-bucket\"}',
                       headers={'Content-Type': 'application/json'}))"
}

gcs_settings() {
  printf '%s\n' -D fs.gs.impl=com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem \
    -D fs.AbstractFileSystem.gs.impl=com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS \
    -D "fs.gs.storage.root.url=$gcs_url/" -D fs.gs.auth.type=UNAUTHENTICATED -D fs.gs.project.id=p \
    -D fs.gs.operation.move.enable=false
}

# An H2 file database holding sales.orders with ids 1..5000, made with H2's own tool from the job jar.
make_h2_source() {
  cat >"$work/orders.sql" <<'SQL'
CREATE SCHEMA sales;
CREATE TABLE sales.orders (id BIGINT PRIMARY KEY, amount DECIMAL(12,2), note VARCHAR(40));
INSERT INTO sales.orders SELECT x, x / 100.0, 'order ' || x FROM SYSTEM_RANGE(1, 5000);
SQL
  java -cp "$(ls "$root"/replicator-launcher/target/replicator-launcher-*.jar | head -n 1)" org.h2.tools.RunScript \
    -url "jdbc:h2:file:$work/source/db" -user sa -script "$work/orders.sql"
}

run_on_gcs() {
  local settings=()
  mapfile -t settings < <(gcs_settings)
  run_cli run sales orders --source-url "jdbc:h2:file:$work/source/db" --source-user sa \
    --target gs://replica-bucket/warehouse --partition ds=2024-05-01 --splits 4 "${settings[@]}" "$@"
}

run_on_gcs_commits_the_partition_and_a_rerun_replaces_it() {
  start_fake_gcs && make_h2_source || { echo "setup failed" >&2; return 1; }
  run_on_gcs --job-id first || return 1
  local last first_objects
  last=$(tail -n 1 "$work/out")
  first_objects=$(gcs_objects replica-bucket warehouse/sales/orders/ds=2024-05-01/run- | wc -l)
  [ "$(rc)" = 0 ] && [[ $last == *'"rows":5000'* ]] \
    && [[ $last == *'"location":"gs://replica-bucket/warehouse/sales/orders/ds=2024-05-01/run-first-'* ]] \
    && [ "$first_objects" -ge 1 ] || return 1

  run_on_gcs --job-id second --where "id <= 10" || return 1
  last=$(tail -n 1 "$work/out")
  [ "$(rc)" = 0 ] && [[ $last == *'"rows":10'* ]] || return 1
  # Only the second run's version is left under the partition path, and no staging anywhere.
  [ -z "$(gcs_objects replica-bucket warehouse/sales/orders/ds=2024-05-01/run-first-)" ] \
    && [ -n "$(gcs_objects replica-bucket warehouse/sales/orders/ds=2024-05-01/run-second-)" ] \
    && [ -z "$(gcs_objects replica-bucket warehouse/_replicator/sales/orders/ds=2024-05-01/runs/ | grep -v '/$')" ]
}

clean_dry_run_on_gcs_lists_nothing_after_clean_runs() {
  local settings=()
  mapfile -t settings < <(gcs_settings)
  run_cli clean sales orders --target gs://replica-bucket/warehouse --dry-run "${settings[@]}"
  [ "$(rc)" = 0 ] && [[ $(tail -n 1 "$work/out") == *'"removed":0'* ]]
}

demo_registers_its_partition_and_pyarrow_reads_it_exactly() {
  run_cli demo --rows 3000 --target "file://$work/demo-hms" --ledger "embedded:$work/ledger-hms"
  local registered location rows first
  registered=$(grep '^Hive Metastore (embedded, thrift://127.0.0.1:' "$work/out")
  location=$(sed -E 's/.* at (file:[^,]*), numRows .*/\1/' <<<"$registered")
  rows=$(sed -E 's/.*, numRows ([0-9]+)$/\1/' <<<"$registered")
  first=$(grep -m1 '^  ATTR_CLASS_ID=1,' "$work/out")
  "$READERS_PYTHON" "$root/tools/readers/read_partition.py" "${location#file:}" ATTR_CLASS_ID \
    LIST_PRICE CONVERSION_RATE EFFECTIVE_DATE LAST_UPDATED_TS >"$work/pyarrow" 2>"$work/pyarrow.err"
  [ "$(rc)" = 0 ] && [ "$rows" = 3000 ] \
    && [[ $location == "file:$work/demo-hms/dev1_groupondw/ref_attr_class_dev/ds="*/run-* ]] \
    && [ "$(sed -n 1p "$work/pyarrow")" = 3000 ] \
    && [ "$(sed -n 2p "$work/pyarrow")" = "LIST_PRICE=0.7919, CONVERSION_RATE=0.3333333333, EFFECTIVE_DATE=2015-01-02, LAST_UPDATED_TS=2020-01-01T00:16:27.654321" ] \
    && [[ $first == *"LIST_PRICE=0.7919, CONVERSION_RATE=0.3333333333, EFFECTIVE_DATE=2015-01-02"*"LAST_UPDATED_TS=2020-01-01T00:16:27.654321,"* ]] \
    && grep -q 'LIST_PRICE:decimal128(.*, 4), .*LAST_UPDATED_TS:timestamp\[ns\]' "$work/pyarrow"
}

ledger_shows_the_row_the_demo_recorded() {
  run_cli ledger dev1_groupondw ref_attr_class_dev --ledger "embedded:$work/ledger"
  [ "$(rc)" = 0 ] && grep -q '^td_timestamp .*ONPREM .*GCP .*in step$' "$work/out" \
    && grep -Eq 'SUCCEEDED +[^ ]+ +rr-[^ ]+ +no on-prem run \(GCP succeeded\)$' "$work/out"
}

check help_exits_zero help_exits_zero
check missing_source_url_is_a_usage_error_on_one_line missing_source_url_is_a_usage_error_on_one_line
check table_name_carrying_sql_is_refused_before_connecting table_name_carrying_sql_is_refused_before_connecting
check demo_copies_the_table_and_ends_with_a_json_summary demo_copies_the_table_and_ends_with_a_json_summary
check ledger_shows_the_row_the_demo_recorded ledger_shows_the_row_the_demo_recorded
if [ -z "${READERS_PYTHON:-}" ]; then
  # shellcheck source=bin/lib/python-tools.sh
  source "$root/bin/lib/python-tools.sh"
  ensure_readers_venv
fi
check demo_registers_its_partition_and_pyarrow_reads_it_exactly demo_registers_its_partition_and_pyarrow_reads_it_exactly
check run_on_gcs_commits_the_partition_and_a_rerun_replaces_it run_on_gcs_commits_the_partition_and_a_rerun_replaces_it
check clean_dry_run_on_gcs_lists_nothing_after_clean_runs clean_dry_run_on_gcs_lists_nothing_after_clean_runs

if [ "$failed" -gt 0 ]; then
  echo "--- last stderr:"
  cat "$work/err"
fi
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
