"""What one run of the run_replicator DAG does, computed from its trigger's conf and the
environment's settings: checked inputs, the cluster's name and configuration, the Dataproc job,
and the ledger statements. Plain Python with no Airflow import, so the DAG file stays a wiring
diagram and every decision here is unit-tested.

The settings are one Airflow Variable, ``run_replicator`` (JSON), read when a run starts, never
when the DAG file is parsed. Keys (``*`` = required):

  project_id*, region*, jar_uri*            where the cluster runs, and the launcher job jar (gs://)
  source_url*, target*                      replicator run --source-url / --target
  source_user, source_password_file         the Teradata user; a gs:// file holding its password
  subnet, service_account, metastore_service, image_version, staging_bucket, network_tags
                                            the seed's cluster settings (internal IP only, single node)
  init_action_uri, init_metadata            cluster-init/install-replicator.sh on gs://, and its metadata
  cluster_name                              a long-lived cluster to use instead of an ephemeral one
  ledger                                    bigquery:P.D.T | jdbc:postgresql://... | none (default none)
  ledger_conn_id                            the Airflow connection of a Cloud SQL ledger
  metastore                                 --metastore (default: the cluster's hive-site.xml)
  engine, max_connections                   --engine local|mapreduce and --max-connections (defaults: the job's)
  extra_args                                more replicator run options, a list of strings
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from pathlib import Path

DAG_ID = "run_replicator"
SETTINGS_VARIABLE = "run_replicator"
MAIN_CLASS = "org.runreplicator.cli.Replicator"
DEFAULT_IMAGE_VERSION = "2.2-debian12"
MAX_IDLE = "43200s"  # the seed's --max-idle=12h
NETWORK_TAGS = ("allow-iap-ssh", "dataproc-vm")

# Teradata identifiers: letters, digits, _ $ #, at most 128 characters, not starting with a digit.
IDENTIFIER = re.compile(r"[A-Za-z_$#][A-Za-z0-9_$#]{0,127}")
REQUIRED = ("project_id", "region", "jar_uri", "source_url", "target")
LEDGER_SQL = Path(__file__).with_name("ledger_record.sql")


class InvalidRun(ValueError):
    """A trigger or settings the DAG refuses, with one line saying why."""


def check_conf(conf: dict | None) -> dict:
    """db_name, table_name and td_timestamp from a trigger's conf, checked; the timestamp normalised to UTC."""
    conf = conf or {}
    checked = {}
    for key in ("db_name", "table_name"):
        value = conf.get(key)
        if not isinstance(value, str) or not IDENTIFIER.fullmatch(value):
            raise InvalidRun(f"{key} {value!r} is not a Teradata identifier (letters, digits, _ $ #, at most 128)")
        checked[key] = value
    checked["td_timestamp"] = _utc_timestamp(conf.get("td_timestamp"))
    return checked


def _utc_timestamp(value) -> str:
    if not isinstance(value, str):
        raise InvalidRun(f"td_timestamp {value!r} is not an ISO-8601 timestamp")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidRun(f"td_timestamp {value!r} is not an ISO-8601 timestamp") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def check_settings(settings: dict | None) -> dict:
    """The Variable's settings, with the required keys present."""
    if not isinstance(settings, dict):
        raise InvalidRun(f"Airflow Variable {SETTINGS_VARIABLE} must be a JSON object")
    missing = [key for key in REQUIRED if not settings.get(key)]
    if missing:
        raise InvalidRun(f"Airflow Variable {SETTINGS_VARIABLE} lacks {', '.join(missing)}")
    return settings


def cluster_name(db: str, table: str, td_timestamp: str, run_id: str) -> str:
    """A Dataproc cluster name (lowercase letters, digits and hyphens, at most 51, starting with a
    letter, not ending with a hyphen) unique to this DAG run: a readable slug and a hash of all four."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{db}-{table}".lower()).strip("-")[:36].rstrip("-") or "table"
    digest = hashlib.sha256(f"{db}\0{table}\0{td_timestamp}\0{run_id}".encode()).hexdigest()[:10]
    return f"rr-{slug}-{digest}"


def job_id(cluster: str, try_number: int) -> str:
    """The Dataproc job id (letters, digits, _ and -, at most 100): unique per task try, since
    Dataproc refuses a job id twice; the job records it as its --job-id."""
    return f"{cluster}-try{int(try_number)}"


def cluster_config(settings: dict) -> dict:
    """The seed's cluster: internal IP only, single node, the network tags, the Dataproc Metastore,
    12 h max idle, cloud-platform scope, and the init action from cluster-init/."""
    gce = {
        "internal_ip_only": True,
        "tags": list(settings.get("network_tags") or NETWORK_TAGS),
        "service_account_scopes": ["https://www.googleapis.com/auth/cloud-platform"],
    }
    if settings.get("subnet"):
        gce["subnetwork_uri"] = settings["subnet"]
    if settings.get("service_account"):
        gce["service_account"] = settings["service_account"]
    if settings.get("init_metadata"):
        gce["metadata"] = dict(settings["init_metadata"])
    config = {
        "gce_cluster_config": gce,
        "master_config": {"num_instances": 1},
        "worker_config": {"num_instances": 0},
        "software_config": {
            "image_version": settings.get("image_version") or DEFAULT_IMAGE_VERSION,
            "properties": {"dataproc:dataproc.allow.zero.workers": "true"},
        },
        "lifecycle_config": {"idle_delete_ttl": MAX_IDLE},
    }
    if settings.get("metastore_service"):
        config["metastore_config"] = {"dataproc_metastore_service": settings["metastore_service"]}
    if settings.get("staging_bucket"):
        config["config_bucket"] = settings["staging_bucket"]
    if settings.get("init_action_uri"):
        config["initialization_actions"] = [{"executable_file": settings["init_action_uri"]}]
    return config


def replicator_args(settings: dict, run: dict, job: str) -> list[str]:
    """`replicator run DB TABLE ...` as the command-line contract has it, for this run."""
    args = ["run", run["db_name"], run["table_name"],
            "--source-url", settings["source_url"], "--target", settings["target"],
            "--td-timestamp", run["td_timestamp"], "--job-id", job, "--environment", "GCP",
            "--ledger", settings.get("ledger") or "none"]
    if settings.get("source_user"):
        args += ["--source-user", settings["source_user"]]
    if settings.get("source_password_file"):
        args += ["--source-password-file", settings["source_password_file"]]
    if settings.get("metastore"):
        args += ["--metastore", settings["metastore"]]
    if settings.get("engine"):
        if settings["engine"] not in ("local", "mapreduce"):
            raise InvalidRun(f"engine {settings['engine']!r} is not local or mapreduce")
        args += ["--engine", settings["engine"]]
    if settings.get("max_connections"):
        args += ["--max-connections", str(int(settings["max_connections"]))]
    return args + [str(a) for a in settings.get("extra_args") or []]


def hadoop_job(settings: dict, run: dict, cluster: str, job: str) -> dict:
    """The DataprocSubmitJobOperator job: our main class from the launcher jar, with the job id set."""
    return {
        "reference": {"project_id": settings["project_id"], "job_id": job},
        "placement": {"cluster_name": cluster},
        "labels": {"replicator-table": _label(f"{run['db_name']}-{run['table_name']}")},
        "hadoop_job": {
            "main_class": MAIN_CLASS,
            "jar_file_uris": [settings["jar_uri"]],
            "args": replicator_args(settings, run, job),
        },
    }


def _label(value: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", value.lower())[:63]


def ledger_kind(settings: dict) -> str:
    """bigquery, cloudsql or none: which backend the DAG's ledger steps go through."""
    ledger = settings.get("ledger") or "none"
    if ledger.startswith("bigquery:"):
        return "bigquery"
    if ledger.startswith("jdbc:"):
        if not settings.get("ledger_conn_id"):
            raise InvalidRun("a jdbc: ledger needs ledger_conn_id, the Airflow connection of the Cloud SQL database")
        return "cloudsql"
    if ledger == "none":
        return "none"
    raise InvalidRun(f"ledger {ledger!r} is not bigquery:PROJECT.DATASET.TABLE, jdbc:... or none")


def bigquery_ledger_job(settings: dict, run: dict, status: str, job: str | None) -> dict:
    """The BigQueryInsertJobOperator configuration recording one status transition (record.sql)."""
    table = settings["ledger"][len("bigquery:"):]
    sql = LEDGER_SQL.read_text().replace("${ledger_table}", f"`{table}`")
    parameters = [
        _parameter("dbName", "STRING", run["db_name"]),
        _parameter("tableName", "STRING", run["table_name"]),
        _parameter("td_timestamp", "TIMESTAMP", run["td_timestamp"]),
        _parameter("environment", "STRING", "GCP"),
        _parameter("status", "STRING", status),
        _parameter("dataproc_job_id", "STRING", job),
        _parameter("now", "TIMESTAMP", datetime.now(timezone.utc).isoformat()),
    ]
    return {"query": {"query": sql, "useLegacySql": False, "parameterMode": "NAMED", "queryParameters": parameters}}


def _parameter(name: str, kind: str, value) -> dict:
    return {"name": name, "parameterType": {"type": kind}, "parameterValue": {"value": value}}


def cloudsql_ledger_statement(settings: dict) -> str:
    """The PostgreSQL upsert of one status transition, never backwards (as the job's own JDBC ledger)."""
    table = settings.get("ledger_table") or "run_ledger"
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?", table):
        raise InvalidRun(f"ledger_table {table!r} is not a table name")
    rank = "CASE {} WHEN 'PENDING' THEN 0 WHEN 'RUNNING' THEN 1 WHEN 'FAILED' THEN 2 WHEN 'SUCCEEDED' THEN 3 END"
    return (
        f"INSERT INTO {table} AS l (dbName, tableName, td_timestamp, last_modified_at, environment, status, dataproc_job_id) "
        "VALUES (%(db)s, %(table)s, %(ts)s, now(), 'GCP', %(status)s, %(job)s) "
        "ON CONFLICT (dbName, tableName, td_timestamp, environment) DO UPDATE "
        "SET status = EXCLUDED.status, last_modified_at = EXCLUDED.last_modified_at, "
        "dataproc_job_id = COALESCE(EXCLUDED.dataproc_job_id, l.dataproc_job_id) "
        f"WHERE {rank.format('l.status')} <= {rank.format('EXCLUDED.status')}"
    )


def plan(conf: dict | None, settings: dict | None, run_id: str) -> dict:
    """Everything the DAG's later tasks need, in one JSON-able dict (the first task's XCom)."""
    settings = check_settings(settings)
    run = check_conf(conf)
    cluster = settings.get("cluster_name") or cluster_name(run["db_name"], run["table_name"], run["td_timestamp"], run_id)
    return {
        "run": run,
        "project_id": settings["project_id"],
        "region": settings["region"],
        "cluster_name": cluster,
        "ephemeral": not settings.get("cluster_name"),
        "cluster_config": cluster_config(settings),
        "ledger_kind": ledger_kind(settings),
        "ledger_conn_id": settings.get("ledger_conn_id"),
        "settings": settings,
    }
