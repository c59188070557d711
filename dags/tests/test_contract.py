"""The DAG against the real command line and the real ledgers, so they cannot drift apart: the job
args the DAG renders run the launcher (bin/replicator) against a real PostgreSQL, recording into a
PostgreSQL ledger the job creates; the DAG's Cloud SQL statement then writes that same table; the
DAG's BigQuery statement is the job's own text."""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import run_replicator_plan as rp

REPO = Path(__file__).resolve().parents[2]
CORE_RECORD_SQL = REPO / "replicator-core/src/main/resources/org/runreplicator/ledger/bigquery/record.sql"


def test_the_dags_bigquery_statement_is_the_jobs_own():
    assert rp.LEDGER_SQL.read_text() == CORE_RECORD_SQL.read_text()


@pytest.fixture(scope="module")
def postgres():
    # The server runs as the postgres user when the tests run as root: its directory must be reachable.
    parent = Path(tempfile.mkdtemp(prefix="replicator-pg-"))
    parent.chmod(0o755)
    directory = parent / "server"
    script = REPO / "bench/postgres.sh"
    started = subprocess.run(["bash", str(script), "start", str(directory)], capture_output=True, text=True, timeout=180)
    assert started.returncode == 0, started.stderr
    port, user = started.stdout.split()
    password = (directory / "password").read_text().strip()
    server = {"port": port, "user": user, "password": password, "dir": directory}
    yield server
    subprocess.run(["bash", str(script), "stop", str(directory)], capture_output=True, timeout=120)
    shutil.rmtree(parent, ignore_errors=True)


def psql(server, sql):
    env = dict(os.environ, PGPASSWORD=server["password"])
    binary = shutil.which("psql") or "psql"
    result = subprocess.run([binary, "-h", "127.0.0.1", "-p", server["port"], "-U", server["user"], "-d", "postgres",
                             "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_the_rendered_job_runs_the_real_launcher_and_the_cloudsql_statement_writes_the_jobs_ledger(postgres, tmp_path):
    psql(postgres, "CREATE SCHEMA IF NOT EXISTS sales; DROP TABLE IF EXISTS sales.orders;"
                   " CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(12,2));"
                   " INSERT INTO sales.orders SELECT x, x / 100.0 FROM generate_series(1, 1000) x")
    password_file = tmp_path / "pg-password"
    password_file.write_text(postgres["password"])
    url = f"jdbc:postgresql://127.0.0.1:{postgres['port']}/postgres"
    settings = {
        "project_id": "etl-prod", "region": "us-central1", "jar_uri": "gs://etl-code/replicator-launcher.jar",
        "source_url": url, "target": (tmp_path / "replica").as_uri(), "source_user": postgres["user"],
        "source_password_file": str(password_file), "ledger": url, "ledger_conn_id": "ops_ledger",
        "extra_args": ["--ledger-user", postgres["user"], "--ledger-password-file", str(password_file),
                       "--ledger-table", "run_ledger", "--ledger-create", "--splits", "2"],
    }
    plan = rp.plan({"db_name": "sales", "table_name": "orders", "td_timestamp": "2024-05-01T02:00:00Z"}, settings, "manual__1")
    job_id = rp.job_id(plan["cluster_name"], 1)
    job = rp.hadoop_job(settings, plan["run"], plan["cluster_name"], job_id)

    # What Dataproc runs: the main class with these args (the jar's manifest names the same class).
    result = subprocess.run([str(REPO / "bin/replicator"), *job["hadoop_job"]["args"]], capture_output=True, text=True,
                            timeout=600)

    assert result.returncode == 0, result.stderr
    assert '"rows":1000' in result.stdout.splitlines()[-1]
    assert f'"jobId":"{job_id}"' in result.stdout
    assert psql(postgres, "SELECT dbname, tablename, environment, status, dataproc_job_id FROM run_ledger") == [
        f"sales|orders|GCP|SUCCEEDED|{job_id}"]

    # The DAG's final step, as the provider's SQL operator would send it: a late FAILED must not hide the success,
    # and another run's row is added.
    statement = rp.cloudsql_ledger_statement(settings)

    def record(status, ts, job):
        values = {"db": "sales", "table": "orders", "ts": ts, "status": status, "job": job}
        literal = {k: "NULL" if v is None else "'" + v.replace("'", "''") + "'" for k, v in values.items()}
        psql(postgres, statement % literal)

    record("FAILED", "2024-05-01T02:00:00Z", None)
    record("FAILED", "2024-05-02T02:00:00Z", "rr-other-try1")
    assert psql(postgres, "SELECT td_timestamp AT TIME ZONE 'UTC', status, dataproc_job_id FROM run_ledger"
                          " ORDER BY td_timestamp") == [
        f"2024-05-01 02:00:00|SUCCEEDED|{job_id}", "2024-05-02 02:00:00|FAILED|rr-other-try1"]
