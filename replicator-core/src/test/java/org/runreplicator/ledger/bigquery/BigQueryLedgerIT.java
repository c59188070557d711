package org.runreplicator.ledger.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryJobConfiguration;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.runreplicator.ledger.LedgerException;
import org.runreplicator.ledger.LedgerKey;
import org.runreplicator.ledger.LedgerRetry;
import org.runreplicator.ledger.LedgerRow;
import org.runreplicator.ledger.LedgerStatus;
import org.runreplicator.testing.BigQueryEmulator;

/** What only the BigQuery backend has to show: the seed's own table, a wrong one, and bounded time per statement. */
@ExtendWith(BigQueryEmulator.Extension.class)
class BigQueryLedgerIT {
    private static final LedgerRetry RETRY = new LedgerRetry(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(20));
    private static BigQueryEmulator emulator;
    private static BigQuery client;

    @BeforeAll
    static void start(BigQueryEmulator bigQuery) {
        emulator = bigQuery;
        client = bigQuery.client();
    }

    private static BigQueryLedgerTable table(String name) {
        return new BigQueryLedgerTable(BigQueryEmulator.PROJECT, BigQueryEmulator.DATASET, name);
    }

    private static BigQueryLedger ledger(BigQueryLedgerTable table, Duration callTimeout) {
        return BigQueryLedger.connect(table, emulator.host(), RETRY, callTimeout, Clock.systemUTC());
    }

    private static void ddl(String sql) throws InterruptedException {
        client.query(QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build());
    }

    @Test
    void theSeedsTableWithExactlyItsColumns_isUsedAsItIs() throws Exception {
        BigQueryLedgerTable seed = table("seed_ledger");
        ddl("CREATE TABLE " + seed.quoted() + " (dbName STRING, tableName STRING, td_timestamp TIMESTAMP,"
                + " last_modified_at TIMESTAMP, environment STRING, status STRING, dataproc_job_id STRING)");
        LedgerKey key = new LedgerKey("dev1_groupondw", "ref_attr_class_dev", Instant.parse("2024-05-01T02:00:00Z"), "GCP");

        try (BigQueryLedger ledger = ledger(seed, Duration.ofSeconds(20))) {
            ledger.prepare(false);
            LedgerRow row = ledger.record(key, LedgerStatus.RUNNING, "dataproc-1");

            assertThat(row.status()).isEqualTo(LedgerStatus.RUNNING);
            assertThat(row.jobId()).isEqualTo("dataproc-1");
        }
    }

    @Test
    void aTableThatIsNotALedger_isRefusedNamingWhatIsWrong() throws Exception {
        BigQueryLedgerTable other = table("not_a_ledger");
        ddl("CREATE TABLE " + other.quoted() + " (dbName STRING, tableName STRING, status INT64)");

        try (BigQueryLedger ledger = ledger(other, Duration.ofSeconds(20))) {
            assertThatThrownBy(() -> ledger.prepare(true)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("not_a_ledger is not a run ledger")
                    .hasMessageContaining("no column td_timestamp")
                    .hasMessageContaining("column status is INT64, not STRING");
        }
    }

    @Test
    void aStatementBigQueryRejects_failsAtOnce_withoutRetries() {
        BigQueryLedgerTable target = table("bounded_ledger");
        // Were the rejection retried, the first backoff alone would exceed the bound asserted below.
        LedgerRetry slowRetry = new LedgerRetry(3, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60));
        try (BigQueryLedger ledger = ledger(target, Duration.ofSeconds(20));
                BigQueryStatements statements = new BigQueryStatements(emulator.client(), slowRetry, Duration.ofSeconds(20), "test")) {
            ledger.prepare(true);
            // The emulator rejects a MERGE from a subquery with jobInternalError (HTTP 400).
            QueryJobConfiguration merge = QueryJobConfiguration.newBuilder("MERGE " + target.quoted() + " l USING (SELECT 'a' AS dbName) s"
                    + " ON l.dbName = s.dbName WHEN NOT MATCHED THEN INSERT (dbName) VALUES (s.dbName)").setUseLegacySql(false).build();
            long started = System.nanoTime();

            assertThatThrownBy(() -> statements.query("merge", merge)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("Cannot merge in ledger test").hasMessageContaining("single-table reference");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aBigQueryThatNeverAnswers_failsTheCallWithinItsBound() throws Exception {
        Duration callTimeout = Duration.ofSeconds(2);
        LedgerRetry twoAttempts = new LedgerRetry(2, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(30));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                BigQueryLedger ledger = BigQueryLedger.connect(table("silent"), "127.0.0.1:" + silent.getLocalPort(), twoAttempts,
                        callTimeout, Clock.systemUTC())) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> ledger.prepare(false)).isInstanceOf(LedgerException.class)
                    .hasMessageContaining("bigquery:" + BigQueryEmulator.PROJECT).hasMessageContaining("no answer within 2000 ms");

            // Two attempts, each bounded by the call timeout (plus the guard's margin).
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2 * (2 + 5) + 3));
        }
    }
}
