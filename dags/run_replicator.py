"""run_replicator: copy one Teradata table to Google Cloud on an ephemeral Dataproc cluster.

Triggered (by the trigger function, or by hand) with conf {"db_name", "table_name",
"td_timestamp"}; environment settings come from the Airflow Variable ``run_replicator`` (JSON, read
when a run starts; see run_replicator_plan). The tasks:

  plan -> create_cluster -> ledger RUNNING -> run_job -> ledger SUCCEEDED/FAILED (all_done)
                                                      -> delete the cluster (all_done, unless long-lived)
  fail_if_anything_failed (one_failed) keeps the DAG run failed when the job failed, although
  the clean-up tasks after it succeed.
"""
from __future__ import annotations

from datetime import datetime

try:  # Airflow 3 (Composer 3)
    from airflow.sdk import DAG, Param
except ImportError:  # Airflow 2 (Composer 2)
    from airflow import DAG
    from airflow.models.param import Param
try:
    from airflow.providers.standard.operators.empty import EmptyOperator
    from airflow.providers.standard.operators.python import BranchPythonOperator, PythonOperator
except ImportError:  # Airflow 2 without the standard provider
    from airflow.operators.empty import EmptyOperator
    from airflow.operators.python import BranchPythonOperator, PythonOperator
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from airflow.providers.google.cloud.operators.bigquery import BigQueryInsertJobOperator
from airflow.providers.google.cloud.operators.dataproc import (
    DataprocCreateClusterOperator,
    DataprocDeleteClusterOperator,
    DataprocSubmitJobOperator,
)

import run_replicator_plan as rp

PLAN = "ti.xcom_pull(task_ids='plan')"
JOB_SUCCEEDED = "ti.xcom_pull(task_ids='run_job')"


def _plan(settings, params, run_id, **_):
    return rp.plan(params, settings, run_id)


def _ledger_branch(step):
    def choose(ti, **_):
        plan = ti.xcom_pull(task_ids="plan")
        return f"ledger_{step}_{plan['ledger_kind'] if plan else 'none'}"
    return choose


def _cleanup_branch(ti, **_):
    plan = ti.xcom_pull(task_ids="plan")
    return "delete_cluster" if plan and plan["ephemeral"] else "keep_cluster"


def _fail(**_):
    raise RuntimeError("A step of this run failed (see the failed task above); the cluster was cleaned up")


def _ledger_tasks(step, status):
    """The ledger step `step` through whichever backend the settings name (BigQuery, Cloud SQL, none)."""
    branch = BranchPythonOperator(task_id=f"ledger_{step}", python_callable=_ledger_branch(step),
                                  trigger_rule="all_done" if step == "result" else "all_success")
    job = f"{JOB_SUCCEEDED}" if step == "result" else "None"
    bigquery = BigQueryInsertJobOperator(
        task_id=f"ledger_{step}_bigquery",
        project_id=f"{{{{ {PLAN}['project_id'] }}}}",
        configuration=f"{{{{ bigquery_ledger_job({PLAN}['settings'], {PLAN}['run'], {status}, {job}) }}}}")
    cloudsql = SQLExecuteQueryOperator(
        task_id=f"ledger_{step}_cloudsql",
        conn_id=f"{{{{ {PLAN}['ledger_conn_id'] }}}}",
        sql=f"{{{{ cloudsql_ledger_statement({PLAN}['settings']) }}}}",
        parameters={"db": f"{{{{ {PLAN}['run']['db_name'] }}}}", "table": f"{{{{ {PLAN}['run']['table_name'] }}}}",
                    "ts": f"{{{{ {PLAN}['run']['td_timestamp'] }}}}", "status": f"{{{{ {status} }}}}",
                    "job": f"{{{{ {job} }}}}"})
    none = EmptyOperator(task_id=f"ledger_{step}_none")
    branch >> [bigquery, cloudsql, none]
    return branch, [bigquery, cloudsql, none]


with DAG(
    dag_id=rp.DAG_ID,
    description="Copy a Teradata table into Parquet on GCS and the Hive Metastore, on an ephemeral Dataproc cluster",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=8,
    render_template_as_native_obj=True,
    user_defined_macros={
        "replicator_job": lambda plan, try_number: rp.hadoop_job(
            plan["settings"], plan["run"], plan["cluster_name"], rp.job_id(plan["cluster_name"], try_number)),
        "bigquery_ledger_job": rp.bigquery_ledger_job,
        "cloudsql_ledger_statement": rp.cloudsql_ledger_statement,
    },
    params={
        "db_name": Param(type="string", pattern=rp.IDENTIFIER.pattern, description="Teradata database"),
        "table_name": Param(type="string", pattern=rp.IDENTIFIER.pattern, description="Teradata table"),
        "td_timestamp": Param(type="string", description="ISO-8601 time of the on-prem run this mirrors"),
    },
    tags=["run-replicator", "teradata", "dataproc"],
    doc_md=__doc__,
) as dag:
    plan = PythonOperator(task_id="plan", python_callable=_plan,
                          op_kwargs={"settings": "{{ var.json.get('" + rp.SETTINGS_VARIABLE + "', None) }}"})

    create_cluster = DataprocCreateClusterOperator(
        task_id="create_cluster",
        project_id=f"{{{{ {PLAN}['project_id'] }}}}",
        region=f"{{{{ {PLAN}['region'] }}}}",
        cluster_name=f"{{{{ {PLAN}['cluster_name'] }}}}",
        cluster_config=f"{{{{ {PLAN}['cluster_config'] }}}}",
        labels={"app": "run-replicator"},
        use_if_exists=True,
        delete_on_error=True)

    running_branch, running = _ledger_tasks("running", "'RUNNING'")

    run_job = DataprocSubmitJobOperator(
        task_id="run_job",
        project_id=f"{{{{ {PLAN}['project_id'] }}}}",
        region=f"{{{{ {PLAN}['region'] }}}}",
        job=f"{{{{ replicator_job({PLAN}, ti.try_number) }}}}",
        trigger_rule="none_failed_min_one_success")

    result_branch, results = _ledger_tasks("result", f"'SUCCEEDED' if {JOB_SUCCEEDED} else 'FAILED'")

    cleanup = BranchPythonOperator(task_id="cleanup", python_callable=_cleanup_branch, trigger_rule="all_done")
    delete_cluster = DataprocDeleteClusterOperator(
        task_id="delete_cluster",
        project_id=f"{{{{ {PLAN}['project_id'] }}}}",
        region=f"{{{{ {PLAN}['region'] }}}}",
        cluster_name=f"{{{{ {PLAN}['cluster_name'] }}}}")
    keep_cluster = EmptyOperator(task_id="keep_cluster")

    fail_if_anything_failed = PythonOperator(task_id="fail_if_anything_failed", python_callable=_fail,
                                             trigger_rule="one_failed")

    plan >> create_cluster >> running_branch
    running >> run_job
    run_job >> result_branch
    run_job >> cleanup >> [delete_cluster, keep_cluster]
    [plan, create_cluster, run_job] >> fail_if_anything_failed
