"""The DAG's decisions, without Airflow: inputs, names, the cluster and the job."""
import random
import re
import string

import pytest

import run_replicator_plan as rp

SETTINGS = {
    "project_id": "etl-prod", "region": "us-central1", "jar_uri": "gs://etl-code/replicator-launcher.jar",
    "source_url": "jdbc:teradata://tdprod/CHARSET=UTF8,TMODE=ANSI", "target": "gs://etl-replica/warehouse",
    "source_user": "etl", "source_password_file": "gs://etl-secrets/td-password",
    "subnet": "projects/etl-prod/regions/us-central1/subnetworks/dataproc", "service_account": "replicator@etl-prod.iam",
    "metastore_service": "projects/etl-prod/locations/us-central1/services/hms", "image_version": "2.2-debian12",
    "staging_bucket": "etl-staging", "init_action_uri": "gs://etl-code/cluster-init/install-replicator.sh",
    "init_metadata": {"replicator-jar-uri": "gs://etl-code/replicator-launcher.jar"},
    "ledger": "bigquery:etl-prod.ops.run_ledger",
}
CONF = {"db_name": "dev1_groupondw", "table_name": "ref_attr_class_dev", "td_timestamp": "2024-05-01T02:00:00Z"}


@pytest.mark.parametrize("conf, message", [
    ({}, "db_name None is not a Teradata identifier"),
    ({**CONF, "db_name": "db; drop"}, "db_name 'db; drop' is not a Teradata identifier"),
    ({**CONF, "table_name": "9lives"}, "table_name '9lives' is not a Teradata identifier"),
    ({**CONF, "table_name": "t" * 129}, "is not a Teradata identifier"),
    ({**CONF, "td_timestamp": "yesterday"}, "td_timestamp 'yesterday' is not an ISO-8601 timestamp"),
    ({**CONF, "td_timestamp": 1714528800}, "td_timestamp 1714528800 is not an ISO-8601 timestamp"),
])
def test_a_bad_trigger_is_refused_with_one_clear_line(conf, message):
    with pytest.raises(rp.InvalidRun, match=re.escape(message)):
        rp.check_conf(conf)


def test_timestamps_are_normalised_to_utc():
    assert rp.check_conf({**CONF, "td_timestamp": "2024-05-01T04:00:00+02:00"})["td_timestamp"] == "2024-05-01T02:00:00Z"
    assert rp.check_conf({**CONF, "td_timestamp": "2024-05-01T02:00:00"})["td_timestamp"] == "2024-05-01T02:00:00Z"


def test_missing_settings_are_named():
    with pytest.raises(rp.InvalidRun, match="lacks jar_uri, target"):
        rp.check_settings({k: v for k, v in SETTINGS.items() if k not in ("jar_uri", "target")})
    with pytest.raises(rp.InvalidRun, match="must be a JSON object"):
        rp.check_settings(None)


DATAPROC_NAME = re.compile(r"[a-z](?:[a-z0-9-]{0,49}[a-z0-9])?")


def test_cluster_names_are_valid_for_dataproc_and_unique_per_run_for_any_identifiers():
    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + "_$#"
    seen = set()
    for i in range(2000):
        db = rng.choice(string.ascii_letters + "_$#") + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 127)))
        table = rng.choice(string.ascii_letters + "_$#") + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 127)))
        name = rp.cluster_name(db, table, "2024-05-01T02:00:00Z", f"manual__{i}")
        assert DATAPROC_NAME.fullmatch(name), name
        assert len(name) <= 51
        seen.add(name)
    assert len(seen) == 2000
    same = rp.cluster_name("DB", "T", "2024-05-01T02:00:00Z", "run-1")
    assert same == rp.cluster_name("DB", "T", "2024-05-01T02:00:00Z", "run-1"), "a retried task reuses its run's cluster"
    assert same != rp.cluster_name("DB", "T", "2024-05-01T02:00:00Z", "run-2")
    assert rp.cluster_name("$$$", "###", "x", "y").startswith("rr-table-")


def test_the_cluster_has_the_seeds_settings_and_the_init_action():
    config = rp.cluster_config(SETTINGS)
    gce = config["gce_cluster_config"]
    assert gce["internal_ip_only"] is True
    assert gce["tags"] == ["allow-iap-ssh", "dataproc-vm"]
    assert gce["subnetwork_uri"] == SETTINGS["subnet"]
    assert gce["service_account"] == SETTINGS["service_account"]
    assert gce["service_account_scopes"] == ["https://www.googleapis.com/auth/cloud-platform"]
    assert gce["metadata"] == {"replicator-jar-uri": "gs://etl-code/replicator-launcher.jar"}
    assert config["master_config"] == {"num_instances": 1} and config["worker_config"] == {"num_instances": 0}
    assert config["software_config"]["image_version"] == "2.2-debian12"
    assert config["software_config"]["properties"]["dataproc:dataproc.allow.zero.workers"] == "true"
    assert config["metastore_config"] == {"dataproc_metastore_service": SETTINGS["metastore_service"]}
    assert config["lifecycle_config"] == {"idle_delete_ttl": "43200s"}
    assert config["config_bucket"] == "etl-staging"
    assert config["initialization_actions"] == [{"executable_file": SETTINGS["init_action_uri"]}]


def test_the_job_runs_our_main_class_with_the_command_line_contract_and_its_own_id():
    run = rp.check_conf({**CONF, "table_name": "REF$ATTR#CLASS"})
    job = rp.hadoop_job(SETTINGS, run, "rr-cluster", "rr-cluster-try2")

    assert job["reference"] == {"project_id": "etl-prod", "job_id": "rr-cluster-try2"}
    assert job["placement"] == {"cluster_name": "rr-cluster"}
    assert job["hadoop_job"]["main_class"] == "org.runreplicator.cli.Replicator"
    assert job["hadoop_job"]["jar_file_uris"] == ["gs://etl-code/replicator-launcher.jar"]
    assert job["hadoop_job"]["args"] == [
        "run", "dev1_groupondw", "REF$ATTR#CLASS", "--source-url", SETTINGS["source_url"], "--target", SETTINGS["target"],
        "--td-timestamp", "2024-05-01T02:00:00Z", "--job-id", "rr-cluster-try2", "--environment", "GCP",
        "--ledger", "bigquery:etl-prod.ops.run_ledger", "--source-user", "etl",
        "--source-password-file", "gs://etl-secrets/td-password"]
    assert re.fullmatch(r"[a-z0-9_-]{1,63}", job["labels"]["replicator-table"])


def test_a_big_table_runs_on_yarn_with_its_session_cap():
    run = rp.check_conf(CONF)
    args = rp.hadoop_job({**SETTINGS, "engine": "mapreduce", "max_connections": 8}, run, "rr-c", "rr-c-try1")["hadoop_job"]["args"]
    assert args[-4:] == ["--engine", "mapreduce", "--max-connections", "8"]
    with pytest.raises(rp.InvalidRun, match="'spark' is not local or mapreduce"):
        rp.hadoop_job({**SETTINGS, "engine": "spark"}, run, "rr-c", "rr-c-try1")


def test_the_ledger_backend_follows_the_settings():
    assert rp.ledger_kind(SETTINGS) == "bigquery"
    assert rp.ledger_kind({**SETTINGS, "ledger": "jdbc:postgresql://10.0.0.5/ops", "ledger_conn_id": "ops_db"}) == "cloudsql"
    assert rp.ledger_kind({**SETTINGS, "ledger": None}) == "none"
    with pytest.raises(rp.InvalidRun, match="needs ledger_conn_id"):
        rp.ledger_kind({**SETTINGS, "ledger": "jdbc:postgresql://10.0.0.5/ops"})
    with pytest.raises(rp.InvalidRun, match="is not bigquery:PROJECT.DATASET.TABLE"):
        rp.ledger_kind({**SETTINGS, "ledger": "csv:/tmp/x"})


def test_a_long_lived_cluster_is_used_as_named_and_never_deleted():
    plan = rp.plan(CONF, {**SETTINGS, "cluster_name": "etl-shared"}, "run-1")
    assert plan["cluster_name"] == "etl-shared" and plan["ephemeral"] is False
    assert rp.plan(CONF, SETTINGS, "run-1")["ephemeral"] is True
