"""The initialization action run against a temporary root, with instance metadata and Cloud
Storage stood in for by small scripts on PATH (the real tools exist only on a Dataproc node)."""
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ACTION = HERE.parent / "install-replicator.sh"
RUNNER = HERE.parent / "run-replicator.sh"

METADATA_STUB = """#!/usr/bin/env bash
# get_metadata_value attributes/NAME: the file NAME under $STUB_METADATA, or failure when absent.
file="$STUB_METADATA/${1#attributes/}"
[ -f "$file" ] || exit 1
cat "$file"
"""

GCLOUD_STUB = """#!/usr/bin/env bash
# gcloud storage cp [--quiet] gs://BUCKET/PATH DEST: copies $STUB_BUCKETS/BUCKET/PATH; the first
# $STUB_FAILURES calls fail, as a flaky network would.
echo "gcloud $*" >>"$STUB_CALLS"
count=$(grep -c '^gcloud' "$STUB_CALLS")
[ "$count" -gt "${STUB_FAILURES:-0}" ] || exit 1
[ "$1 $2" = "storage cp" ] || exit 2
shift 2
[ "$1" = "--quiet" ] && shift
src=${1#gs://}
cp "$STUB_BUCKETS/$src" "$2"
"""


def _write_exe(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture()
def node(tmp_path):
    """A fake node: a root to install into, metadata, a bucket, and the stub tools on PATH."""
    stubs = tmp_path / "bin"
    stubs.mkdir()
    _write_exe(stubs / "get_metadata_value", METADATA_STUB)
    _write_exe(stubs / "gcloud", GCLOUD_STUB)
    bucket = tmp_path / "buckets" / "etl-bucket"
    (bucket / "jars").mkdir(parents=True)
    (bucket / "jars" / "replicator-launcher-1.0.jar").write_bytes(b"PK job jar v1")
    (bucket / "jars" / "extra-driver.jar").write_bytes(b"PK driver")
    (bucket / "conf").mkdir()
    (bucket / "conf" / "log4j.properties").write_text("log4j.rootLogger=WARN, console\n")
    (bucket / "conf" / "replicator.properties").write_text("source-url=jdbc:teradata://tdprod/CHARSET=UTF8\n")
    (bucket / "conf" / "truststore.jks").write_bytes(b"\xfe\xed\xfe\xed keys")
    metadata = tmp_path / "metadata"
    metadata.mkdir()
    root = tmp_path / "root"
    root.mkdir()

    class Node:
        def __init__(self):
            self.root, self.metadata, self.bucket, self.calls = root, metadata, bucket, tmp_path / "calls.log"
            self.calls.write_text("")

        def set(self, name, value):
            (self.metadata / name).write_text(value)

        def run(self, failures=0):
            env = dict(os.environ, PATH=f"{stubs}:{os.environ['PATH']}", REPLICATOR_INIT_ROOT=str(root),
                       REPLICATOR_METADATA_TOOL=str(stubs / "get_metadata_value"), STUB_METADATA=str(metadata),
                       STUB_BUCKETS=str(tmp_path / "buckets"), STUB_CALLS=str(self.calls),
                       STUB_FAILURES=str(failures), REPLICATOR_INIT_RETRIES="3",
                       REPLICATOR_INIT_RETRY_PAUSE="0")
            return subprocess.run(["bash", str(ACTION)], env=env, capture_output=True, text=True, timeout=120)

        def snapshot(self):
            return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
                    for p in sorted(root.rglob("*")) if p.is_file()}

    return Node()


def test_first_run_installs_the_jar_drivers_and_configuration(node):
    node.set("replicator-jar-uri", "gs://etl-bucket/jars/replicator-launcher-1.0.jar")
    node.set("replicator-extra-jars", "gs://etl-bucket/jars/extra-driver.jar")
    node.set("replicator-log4j-uri", "gs://etl-bucket/conf/log4j.properties")
    node.set("replicator-config-uri", "gs://etl-bucket/conf/replicator.properties")
    node.set("replicator-truststore-uri", "gs://etl-bucket/conf/truststore.jks")

    result = node.run()

    assert result.returncode == 0, result.stderr
    lib = node.root / "usr/lib/run-replicator"
    conf = node.root / "etc/run-replicator"
    assert (lib / "replicator-launcher-1.0.jar").read_bytes() == b"PK job jar v1"
    assert (lib / "drivers/extra-driver.jar").read_bytes() == b"PK driver"
    assert (conf / "log4j.properties").read_text().startswith("log4j.rootLogger")
    assert stat.S_IMODE((conf / "tls/truststore.jks").stat().st_mode) == 0o600
    env = (conf / "replicator-env.sh").read_text()
    assert ('export HADOOP_CLASSPATH="/usr/lib/run-replicator/replicator-launcher-1.0.jar:'
            '/usr/lib/run-replicator/drivers/extra-driver.jar${HADOOP_CLASSPATH:+:${HADOOP_CLASSPATH}}"') in env
    assert 'export REPLICATOR_JAR="/usr/lib/run-replicator/replicator-launcher-1.0.jar"' in env
    assert 'export REPLICATOR_CONFIG="/etc/run-replicator/replicator.properties"' in env
    assert "-Dlog4j.configuration=file:/etc/run-replicator/log4j.properties" in env
    assert str(node.root) not in env
    # Nothing the action fetched is printed: a truststore or a config file may hold secrets.
    assert "keys" not in result.stdout + result.stderr and "jdbc:teradata" not in result.stdout + result.stderr


def test_a_second_run_changes_nothing(node):
    node.set("replicator-jar-uri", "gs://etl-bucket/jars/replicator-launcher-1.0.jar")
    node.set("replicator-log4j-uri", "gs://etl-bucket/conf/log4j.properties")
    assert node.run().returncode == 0
    before = node.snapshot()

    second = node.run()

    assert second.returncode == 0, second.stderr
    assert node.snapshot() == before
    assert "is up to date" in second.stderr
    assert not list(node.root.rglob(".*.??????")), "no staged downloads left behind"


def test_a_changed_jar_replaces_the_installed_one(node):
    node.set("replicator-jar-uri", "gs://etl-bucket/jars/replicator-launcher-1.0.jar")
    assert node.run().returncode == 0
    (node.bucket / "jars" / "replicator-launcher-1.0.jar").write_bytes(b"PK job jar v2")

    assert node.run().returncode == 0
    assert (node.root / "usr/lib/run-replicator/replicator-launcher-1.0.jar").read_bytes() == b"PK job jar v2"


def test_downloads_are_retried_when_the_network_fails_for_a_while(node):
    node.set("replicator-jar-uri", "gs://etl-bucket/jars/replicator-launcher-1.0.jar")

    result = node.run(failures=2)

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("retrying") == 2
    assert (node.root / "usr/lib/run-replicator/replicator-launcher-1.0.jar").exists()


def test_missing_required_metadata_fails_with_a_clear_message_and_installs_nothing(node):
    result = node.run()

    assert result.returncode != 0
    assert "instance metadata 'replicator-jar-uri' is not set" in result.stderr
    assert not [p for p in node.root.rglob("*") if p.is_file()]


def test_a_download_that_keeps_failing_fails_the_action_naming_the_uri(node):
    node.set("replicator-jar-uri", "gs://etl-bucket/jars/missing.jar")

    result = node.run()

    assert result.returncode != 0
    assert "cannot download gs://etl-bucket/jars/missing.jar" in result.stderr


def test_the_shell_route_runs_hadoop_jar_with_the_positional_db_and_table(node, tmp_path):
    node.set("replicator-jar-uri", "gs://etl-bucket/jars/replicator-launcher-1.0.jar")
    assert node.run().returncode == 0
    hadoop_stub = tmp_path / "bin" / "hadoop"
    _write_exe(hadoop_stub, '#!/usr/bin/env bash\nprintf "%s\\n" "$@" >"$STUB_HADOOP_ARGS"\n')
    args_file = tmp_path / "hadoop-args"
    env_file = node.root / "etc/run-replicator/replicator-env.sh"
    env = dict(os.environ, PATH=f"{tmp_path / 'bin'}:{os.environ['PATH']}", REPLICATOR_ENV_FILE=str(env_file),
               STUB_HADOOP_ARGS=str(args_file))

    result = subprocess.run(["bash", str(RUNNER), "dev1_groupondw", "ref_attr_class_dev", "--td-timestamp",
                             "2024-05-01T02:00:00Z"], env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert args_file.read_text().splitlines() == [
        "jar", "/usr/lib/run-replicator/replicator-launcher-1.0.jar", "run", "dev1_groupondw", "ref_attr_class_dev",
        "--td-timestamp", "2024-05-01T02:00:00Z"]


def test_the_shell_route_without_db_and_table_is_a_usage_error(tmp_path):
    result = subprocess.run(["bash", str(RUNNER), "only_db"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_the_scripts_are_shellcheck_clean():
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is missing: bin/test installs the Debian package"
    result = subprocess.run([shellcheck, "--severity=style", str(ACTION), str(RUNNER)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
