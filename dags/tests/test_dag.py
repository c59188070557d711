"""The DAG in Airflow itself: it parses, its graph and trigger rules, and whole runs with
dag.test() in which the Dataproc hook is replaced at its boundary (no Dataproc runs here) while
the operators' own code runs, and the ledger steps go through the real BigQuery hook and client to
the BigQuery emulator."""
import json
import os

import pytest
from conftest import DAGS, airflow_major

import run_replicator_plan as rp

SETTINGS = {
    "project_id": "replicator-test", "region": "us-central1", "jar_uri": "gs://etl-code/replicator-launcher.jar",
    "source_url": "jdbc:teradata://tdprod/CHARSET=UTF8", "target": "gs://etl-replica/warehouse",
    "source_password_file": "gs://etl-secrets/td-password",
    "init_action_uri": "gs://etl-code/cluster-init/install-replicator.sh",
}
CONF = {"db_name": "dev1_groupondw", "table_name": "REF$ATTR#CLASS_DEV", "td_timestamp": "2024-05-01T02:00:00Z"}


def dagbag():
    if airflow_major() >= 3:
        from airflow.dag_processing.dagbag import DagBag
        return DagBag(dag_folder=str(DAGS))
    from airflow.models import DagBag
    return DagBag(dag_folder=str(DAGS), include_examples=False)


@pytest.fixture(scope="module")
def dag():
    bag = dagbag()
    assert bag.import_errors == {}
    return bag.dags[rp.DAG_ID]


def test_the_dag_parses_without_errors_and_without_its_variable(dag):
    assert "AIRFLOW_VAR_RUN_REPLICATOR" not in os.environ
    assert dag.schedule is None if hasattr(dag, "schedule") else dag.schedule_interval is None
    assert dag.catchup is False
    assert set(dag.params) == {"db_name", "table_name", "td_timestamp"}


def test_the_task_graph_and_its_trigger_rules(dag):
    def downstream(task_id):
        return sorted(dag.get_task(task_id).downstream_task_ids)

    assert downstream("plan") == ["create_cluster", "fail_if_anything_failed"]
    assert downstream("create_cluster") == ["fail_if_anything_failed", "ledger_running"]
    assert downstream("ledger_running") == ["ledger_running_bigquery", "ledger_running_cloudsql", "ledger_running_none"]
    assert downstream("ledger_running_bigquery") == ["run_job"]
    assert downstream("run_job") == ["cleanup", "fail_if_anything_failed", "ledger_result"]
    assert downstream("cleanup") == ["delete_cluster", "keep_cluster"]
    rules = {t.task_id: str(t.trigger_rule).split(".")[-1].lower() for t in dag.tasks}
    assert rules["run_job"] == "none_failed_min_one_success"
    assert rules["ledger_result"] == "all_done"
    assert rules["cleanup"] == "all_done"
    assert rules["fail_if_anything_failed"] == "one_failed"
    assert rules["create_cluster"] == "all_success"


class Operation:
    """A finished long-running operation."""

    def __init__(self, outcome):
        self.outcome = outcome

    def result(self, *args, **kwargs):
        return self.outcome


class FakeDataproc:
    """Stands in for the Dataproc API behind DataprocHook: keeps clusters and jobs, and fails a job on demand."""

    def __init__(self, job_fails):
        self.job_fails = job_fails
        self.clusters, self.created, self.deleted, self.jobs = {}, [], [], []

    def install(self, monkeypatch):
        from airflow.exceptions import AirflowException
        from airflow.providers.google.cloud.hooks.dataproc import DataprocHook
        from google.cloud.dataproc_v1 import Cluster, ClusterStatus, Job
        fake = self

        def create_cluster(self, region, project_id, cluster_name, cluster_config=None, **kwargs):
            fake.created.append({"project_id": project_id, "region": region, "name": cluster_name, "config": cluster_config})
            fake.clusters[cluster_name] = Cluster(project_id=project_id, cluster_name=cluster_name,
                                                  status=ClusterStatus(state=ClusterStatus.State.RUNNING))
            return Operation(fake.clusters[cluster_name])

        def wait_for_operation(self, operation, timeout=None, result_retry=None):
            return operation.outcome

        def get_cluster(self, region, cluster_name, project_id, **kwargs):
            return fake.clusters[cluster_name]

        def delete_cluster(self, region, cluster_name, project_id, **kwargs):
            fake.deleted.append(cluster_name)
            fake.clusters.pop(cluster_name, None)
            return Operation(None)

        def submit_job(self, job, project_id, region, **kwargs):
            fake.jobs.append(job)
            return Job(reference={"project_id": project_id, "job_id": job["reference"]["job_id"]})

        def wait_for_job(self, job_id, project_id, region, **kwargs):
            if fake.job_fails:
                raise AirflowException(f"Job failed: {job_id} exited with status 3")

        for name, fn in [("create_cluster", create_cluster), ("wait_for_operation", wait_for_operation),
                         ("get_cluster", get_cluster), ("delete_cluster", delete_cluster),
                         ("submit_job", submit_job), ("wait_for_job", wait_for_job)]:
            monkeypatch.setattr(DataprocHook, name, fn)


@pytest.fixture(scope="module")
def emulator():
    from bigquery_emulator import BigQueryEmulator
    server = BigQueryEmulator()
    # Once: the emulator answers a second create with 500, which the client retries for minutes.
    server.ledger = server.create_ledger("ops", "run_ledger")
    yield server
    server.stop()


def run_dag(dag, monkeypatch, emulator, conf, job_fails=False, **settings):
    from airflow.providers.google.cloud.hooks.bigquery import BigQueryHook
    table = emulator.ledger
    monkeypatch.setenv("AIRFLOW_VAR_RUN_REPLICATOR", json.dumps({**SETTINGS, "ledger": f"bigquery:{table}", **settings}))
    monkeypatch.setattr(BigQueryHook, "get_client", lambda self, project_id=None, location=None: emulator.client())
    dataproc = FakeDataproc(job_fails)
    dataproc.install(monkeypatch)
    dag_run = dag.test(run_conf=conf)
    states = {ti.task_id: str(ti.state).split(".")[-1].lower() for ti in dag_run.get_task_instances()}
    return dag_run, states, dataproc, table


def test_a_successful_run_creates_the_cluster_submits_the_job_records_succeeded_and_deletes_the_cluster(
        dag, monkeypatch, emulator):
    dag_run, states, dataproc, table = run_dag(dag, monkeypatch, emulator, CONF)

    assert str(dag_run.state).split(".")[-1].lower() == "success", states
    [created] = dataproc.created
    assert created["name"].startswith("rr-dev1-groupondw-ref-attr-class-dev-")
    assert created["config"]["initialization_actions"] == [{"executable_file": SETTINGS["init_action_uri"]}]
    assert created["config"]["gce_cluster_config"]["internal_ip_only"] is True
    [job] = dataproc.jobs
    args = job["hadoop_job"]["args"]
    assert job["hadoop_job"]["main_class"] == "org.runreplicator.cli.Replicator"
    assert args[:3] == ["run", "dev1_groupondw", "REF$ATTR#CLASS_DEV"]
    assert args[args.index("--job-id") + 1] == job["reference"]["job_id"] == created["name"] + "-try1"
    assert args[args.index("--td-timestamp") + 1] == "2024-05-01T02:00:00Z"
    assert dataproc.deleted == [created["name"]]
    [row] = emulator.rows(table)
    assert (row["dbName"], row["tableName"], row["environment"], row["status"], row["dataproc_job_id"]) == (
        "dev1_groupondw", "REF$ATTR#CLASS_DEV", "GCP", "SUCCEEDED", job["reference"]["job_id"])
    assert states["fail_if_anything_failed"] == "skipped" and states["keep_cluster"] == "skipped"


def test_a_failed_job_still_deletes_the_cluster_records_failed_and_fails_the_dag_run(dag, monkeypatch, emulator):
    conf = {**CONF, "table_name": "orders_failing"}
    dag_run, states, dataproc, table = run_dag(dag, monkeypatch, emulator, conf, job_fails=True)

    assert str(dag_run.state).split(".")[-1].lower() == "failed"
    assert states["run_job"] == "failed"
    assert states["ledger_result_bigquery"] == "success"
    assert states["delete_cluster"] == "success"
    assert dataproc.deleted == [dataproc.created[0]["name"]]
    rows = [r for r in emulator.rows(table) if r["tableName"] == "orders_failing"]
    assert [(r["environment"], r["status"], r["dataproc_job_id"]) for r in rows] == [("GCP", "FAILED", None)]


def test_a_bad_trigger_fails_at_once_and_creates_no_cluster(dag, monkeypatch, emulator):
    dag_run, states, dataproc, _ = run_dag(dag, monkeypatch, emulator, {**CONF, "db_name": "db; drop table x"})

    assert str(dag_run.state).split(".")[-1].lower() == "failed"
    assert states["plan"] == "failed"
    assert dataproc.created == [] and dataproc.jobs == [] and dataproc.deleted == []


def test_a_long_lived_cluster_is_used_and_kept(dag, monkeypatch, emulator):
    conf = {**CONF, "table_name": "on_shared"}
    dag_run, states, dataproc, _ = run_dag(dag, monkeypatch, emulator, conf, cluster_name="etl-shared")

    assert str(dag_run.state).split(".")[-1].lower() == "success", states
    assert dataproc.jobs[0]["placement"] == {"cluster_name": "etl-shared"}
    assert dataproc.deleted == [] and states["keep_cluster"] == "success"
