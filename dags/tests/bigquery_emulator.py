"""goccy/bigquery-emulator (built once by bin/test) on free loopback ports, with the real Python
BigQuery client pointed at it, holding the ledger table exactly as the seed defines it."""
import os
import socket
import subprocess
import time
from pathlib import Path

from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import bigquery

PROJECT = "replicator-test"
SCHEMA = [
    bigquery.SchemaField("dbName", "STRING"), bigquery.SchemaField("tableName", "STRING"),
    bigquery.SchemaField("td_timestamp", "TIMESTAMP"), bigquery.SchemaField("last_modified_at", "TIMESTAMP"),
    bigquery.SchemaField("environment", "STRING"), bigquery.SchemaField("status", "STRING"),
    bigquery.SchemaField("dataproc_job_id", "STRING"),
]


def _binary() -> Path:
    given = os.environ.get("BIGQUERY_EMULATOR_BIN")
    if given:
        return Path(given)
    cache = Path(os.environ.get("RUN_REPLICATOR_CACHE")
                 or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "run-replicator")
    found = sorted((cache / "go").glob("bigquery-emulator-*/bigquery-emulator"))
    if not found:
        raise RuntimeError("bigquery-emulator is not built: run bin/test, which builds it once")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BigQueryEmulator:
    def __init__(self):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [str(_binary()), f"--project={PROJECT}", "--host=127.0.0.1", f"--port={self.port}",
             f"--grpc-port={_free_port()}", "--log-level=error"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("bigquery-emulator did not start")
                time.sleep(0.1)

    def client(self) -> bigquery.Client:
        return bigquery.Client(project=PROJECT, credentials=AnonymousCredentials(),
                               client_options=ClientOptions(api_endpoint=self.url))

    def create_ledger(self, dataset: str, table: str) -> str:
        client = self.client()
        client.create_dataset(bigquery.Dataset(f"{PROJECT}.{dataset}"))
        client.create_table(bigquery.Table(f"{PROJECT}.{dataset}.{table}", schema=SCHEMA))
        return f"{PROJECT}.{dataset}.{table}"

    def rows(self, table: str) -> list[dict]:
        return [dict(row) for row in self.client().query(f"SELECT * FROM `{table}` ORDER BY environment").result()]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
