"""Airflow for the DAG's tests: a throwaway home with a SQLite database, migrated once, and the
repository's dags/ folder. Set before anything imports Airflow."""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[1]
_home = Path(tempfile.mkdtemp(prefix="airflow-home-"))
os.environ["AIRFLOW_HOME"] = str(_home)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__UNIT_TEST_MODE"] = "True"
os.environ["AIRFLOW__LOGGING__LOGGING_LEVEL"] = "WARNING"
os.environ["AIRFLOW_CONN_GOOGLE_CLOUD_DEFAULT"] = '{"conn_type": "google_cloud_platform", "extra": {"project": "replicator-test"}}'
sys.path.insert(0, str(DAGS))


@pytest.fixture(scope="session", autouse=True)
def airflow_db():
    airflow = Path(sys.executable).with_name("airflow")
    result = subprocess.run([str(airflow), "db", "migrate"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    yield


def airflow_major() -> int:
    import airflow

    return int(airflow.__version__.split(".")[0])
