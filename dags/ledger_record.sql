-- Run Replicator ledger: record one status transition, idempotently and never backwards.
-- The canonical BigQuery form: the job (BigQueryLedger), the trigger function and the DAG's final
-- status step all run this text. Replace ${ledger_table} with the table as `project.dataset.table`
-- (backticks included) and pass the named parameters:
--   @dbName STRING, @tableName STRING, @td_timestamp TIMESTAMP, @environment STRING  (the row's key)
--   @status STRING            PENDING, RUNNING, FAILED or SUCCEEDED
--   @dataproc_job_id STRING   the job id to store; NULL keeps the stored one
--   @now TIMESTAMP            the new last_modified_at
-- Statuses rank PENDING < RUNNING < FAILED < SUCCEEDED; a row only moves to an equal or higher
-- rank, so a late RUNNING never overwrites an end and a late FAILED never hides a success.
-- One transaction: on BigQuery two concurrent INSERTs do not conflict, so an insert-if-absent on
-- its own could add a key twice; inside a transaction that also updates the table, concurrent
-- writers conflict instead ("... due to concurrent update") and the loser is retried, and its
-- retry finds the row. A MERGE from a parameter subquery would do the same in one statement, but
-- the BigQuery emulator the tests run on cannot execute a MERGE whose source is not a table.
BEGIN TRANSACTION;

INSERT INTO ${ledger_table} (dbName, tableName, td_timestamp, last_modified_at, environment, status, dataproc_job_id)
SELECT @dbName, @tableName, @td_timestamp, @now, @environment, @status, CAST(@dataproc_job_id AS STRING)
FROM UNNEST([1])
WHERE NOT EXISTS (
  SELECT 1 FROM ${ledger_table}
  WHERE dbName = @dbName AND tableName = @tableName AND td_timestamp = @td_timestamp AND environment = @environment);

UPDATE ${ledger_table}
SET status = @status,
    last_modified_at = @now,
    dataproc_job_id = COALESCE(CAST(@dataproc_job_id AS STRING), dataproc_job_id)
WHERE dbName = @dbName AND tableName = @tableName AND td_timestamp = @td_timestamp AND environment = @environment
  AND CASE status WHEN 'PENDING' THEN 0 WHEN 'RUNNING' THEN 1 WHEN 'FAILED' THEN 2 WHEN 'SUCCEEDED' THEN 3 END
   <= CASE @status WHEN 'PENDING' THEN 0 WHEN 'RUNNING' THEN 1 WHEN 'FAILED' THEN 2 WHEN 'SUCCEEDED' THEN 3 END;

COMMIT TRANSACTION;
