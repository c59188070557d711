#!/usr/bin/env bash
# Shell tests of bin/replicator as users and the DAG call it: the real script, the real job jar.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
replicator=$root/bin/replicator
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
    && ls "$partition"/*.parquet >/dev/null 2>&1 \
    && [ ! -e "$work/demo/dev1_groupondw/ref_attr_class_dev/_staging" ]
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

if [ "$failed" -gt 0 ]; then
  echo "--- last stderr:"
  cat "$work/err"
fi
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
