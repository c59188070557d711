package org.runreplicator.ledger.bigquery;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.runreplicator.ledger.LedgerColumns;
import org.runreplicator.ledger.LedgerException;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerRetry;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.ledger.RunLedger;

/**
 * The ledger in a BigQuery table, written only with DML query jobs (never the streaming API, whose
 * rows cannot be updated for about 30 minutes). Each transition is the canonical
 * {@code record.sql} beside this class; affected-row counts are not relied on (the emulator never
 * reports them): the script ends by reading the row back, in the same job. Every statement is bounded in
 * time ({@link BigQueryStatements}).
 */
public final class BigQueryLedger implements RunLedger {
    /** How long one statement may take, client retries included; {@link LedgerRetry} bounds the retries of a whole call. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String SELECT = "SELECT " + LedgerColumns.list() + " FROM %s WHERE dbName = @dbName AND tableName = @tableName";
    private static final String ORDER = " ORDER BY td_timestamp DESC, environment";
    private static final String KEY_MATCH = " AND td_timestamp = @td_timestamp AND environment = @environment";

    private final BigQuery client;
    private final BigQueryLedgerTable table;
    private final BigQueryStatements statements;
    private final Clock clock;
    private final String recordSql;

    public BigQueryLedger(BigQuery client, BigQueryLedgerTable table, LedgerRetry retry, Duration callTimeout, Clock clock) {
        this.client = client;
        this.table = table;
        this.statements = new BigQueryStatements(client, retry, callTimeout, "bigquery:" + table);
        this.clock = clock;
        // The script's result is its last statement's: the row as the transaction left it, read in the same job.
        this.recordSql = BigQueryLedgerSql.record(table) + "\n" + String.format(SELECT, table.quoted()) + KEY_MATCH + ";\n";
    }

    /**
     * A client for {@code table}'s project: with Application Default Credentials, or, when
     * {@code emulatorHost} ({@code host:port}) is given, against that emulator without credentials.
     */
    public static BigQueryLedger connect(BigQueryLedgerTable table, String emulatorHost, LedgerRetry retry,
            Duration callTimeout, Clock clock) {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, callTimeout.toMillis());
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(table.project())
                // The client's own retries stay inside one call's time; LedgerRetry decides about further attempts.
                .setRetrySettings(RetrySettings.newBuilder()
                        .setMaxAttempts(3)
                        .setTotalTimeoutDuration(callTimeout)
                        .setInitialRetryDelayDuration(Duration.ofMillis(250))
                        .setRetryDelayMultiplier(2.0)
                        .setMaxRetryDelayDuration(Duration.ofSeconds(4))
                        .setInitialRpcTimeoutDuration(callTimeout)
                        .setRpcTimeoutMultiplier(1.0)
                        .setMaxRpcTimeoutDuration(callTimeout)
                        .build())
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(timeoutMillis)
                        .setReadTimeout(timeoutMillis)
                        .build());
        if (emulatorHost != null) {
            options.setHost("http://" + emulatorHost).setCredentials(NoCredentials.getInstance());
        }
        try {
            return new BigQueryLedger(options.build().getService(), table, retry, callTimeout, clock);
        } catch (RuntimeException e) {
            throw new LedgerException("Cannot open the BigQuery ledger " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "bigquery:" + table;
    }

    @Override
    public void prepare(boolean createIfMissing) {
        TableId id = TableId.of(table.project(), table.dataset(), table.table());
        Table existing = statements.call("check table " + table, () -> client.getTable(id));
        if (existing == null) {
            if (!createIfMissing) {
                throw new LedgerException("The ledger table " + table + " does not exist: create it, or pass --ledger-create");
            }
            create(id);
            return;
        }
        Schema schema = existing.getDefinition().getSchema();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> column : LedgerColumns.TYPES.entrySet()) {
            Field field = schema == null ? null : findField(schema, column.getKey());
            if (field == null) {
                problems.add("no column " + column.getKey());
            } else if (!field.getType().getStandardType().name().equals(column.getValue())) {
                problems.add("column " + column.getKey() + " is " + field.getType().getStandardType() + ", not " + column.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new LedgerException("The ledger table " + table + " is not a run ledger: " + String.join("; ", problems));
        }
    }

    private void create(TableId id) {
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, String> column : LedgerColumns.TYPES.entrySet()) {
            fields.add(Field.of(column.getKey(), StandardSQLTypeName.valueOf(column.getValue())));
        }
        try {
            statements.call("create table " + table, () -> client.create(TableInfo.of(id, StandardTableDefinition.of(Schema.of(fields)))));
        } catch (LedgerException e) {
            // Another run created it first: that is what was wanted.
            if (!(e.getCause() instanceof BigQueryException && ((BigQueryException) e.getCause()).getCode() == 409)) {
                throw e;
            }
        }
    }

    private static Field findField(Schema schema, String name) {
        for (Field field : schema.getFields()) {
            if (field.getName().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    @Override
    public LedgerRow record(LedgerKey key, LedgerStatus status, String jobId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        QueryJobConfiguration write = keyed(recordSql, key)
                .addNamedParameter("status", QueryParameterValue.string(status.name()))
                .addNamedParameter("dataproc_job_id", QueryParameterValue.string(jobId))
                .addNamedParameter("now", timestamp(now))
                .build();
        List<LedgerRow> rows = rows(statements.query("record " + key + " as " + status, write));
        return rows.stream().findFirst().orElseThrow(() -> new LedgerException("Recorded " + key + " as " + status + " in "
                + describe() + " but cannot read the row back"));
    }

    @Override
    public Optional<LedgerRow> find(LedgerKey key) {
        String sql = String.format(SELECT, table.quoted()) + KEY_MATCH;
        List<LedgerRow> rows = read("read " + key, keyed(sql, key).build());
        return rows.stream().findFirst();
    }

    @Override
    public List<LedgerRow> rows(String dbName, String tableName, Instant tdTimestamp) {
        QueryJobConfiguration.Builder query;
        if (tdTimestamp == null) {
            query = QueryJobConfiguration.newBuilder(String.format(SELECT, table.quoted()) + ORDER);
        } else {
            query = QueryJobConfiguration.newBuilder(String.format(SELECT, table.quoted()) + " AND td_timestamp = @td_timestamp" + ORDER)
                    .addNamedParameter("td_timestamp", timestamp(tdTimestamp.truncatedTo(ChronoUnit.MICROS)));
        }
        query.addNamedParameter("dbName", QueryParameterValue.string(dbName))
                .addNamedParameter("tableName", QueryParameterValue.string(tableName));
        return read("read rows of " + dbName + "." + tableName, query.setUseLegacySql(false).build());
    }

    private List<LedgerRow> read(String what, QueryJobConfiguration query) {
        return rows(statements.query(what, query));
    }

    private static List<LedgerRow> rows(TableResult result) {
        List<LedgerRow> rows = new ArrayList<>();
        for (FieldValueList row : result.iterateAll()) {
            LedgerKey key = new LedgerKey(row.get(LedgerColumns.DB_NAME).getStringValue(), row.get(LedgerColumns.TABLE_NAME).getStringValue(),
                    row.get(LedgerColumns.TD_TIMESTAMP).getTimestampInstant(), row.get(LedgerColumns.ENVIRONMENT).getStringValue());
            FieldValue modified = row.get(LedgerColumns.LAST_MODIFIED_AT);
            FieldValue job = row.get(LedgerColumns.DATAPROC_JOB_ID);
            rows.add(new LedgerRow(key, LedgerStatus.parse(row.get(LedgerColumns.STATUS).getStringValue()),
                    modified.isNull() ? null : modified.getTimestampInstant(), job.isNull() ? null : job.getStringValue()));
        }
        return rows;
    }

    private static QueryJobConfiguration.Builder keyed(String sql, LedgerKey key) {
        return QueryJobConfiguration.newBuilder(sql)
                .setUseLegacySql(false)
                .addNamedParameter("dbName", QueryParameterValue.string(key.dbName()))
                .addNamedParameter("tableName", QueryParameterValue.string(key.tableName()))
                .addNamedParameter("td_timestamp", timestamp(key.tdTimestamp()))
                .addNamedParameter("environment", QueryParameterValue.string(key.environment()));
    }

    private static QueryParameterValue timestamp(Instant instant) {
        return QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }

    @Override
    public void close() {
        statements.close();
    }
}
