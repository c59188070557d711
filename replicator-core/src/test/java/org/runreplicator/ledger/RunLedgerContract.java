package org.runreplicator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.RunIdentity;
import org.runreplicator.run.CommittedRunException;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.run.RunListener;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.SteppingClock;

/**
 * The {@link RunLedger} contract, written once and bound to every backend by a tiny subclass (as
 * Hadoop's {@code AbstractContract*Test}s are): the status machine, idempotent re-marking, no
 * backward transitions, concurrent writers, and a run recorded through {@link TableCopy} whose
 * final ledger write fails after the commit.
 */
public abstract class RunLedgerContract {
    protected static final LedgerRetry FAST_RETRY = new LedgerRetry(8, Duration.ofMillis(20), Duration.ofMillis(400), Duration.ofSeconds(30));
    private static final Instant TD = Instant.parse("2024-05-01T02:00:00.123456Z");
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String SOURCE_URL = "jdbc:h2:mem:ledger_contract_source;DB_CLOSE_DELAY=-1";
    private static final int SOURCE_ROWS = 250;

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(1));
    protected String table;
    protected RunLedger ledger;

    @TempDir
    Path output;

    /** A ledger of this backend on {@code table}, which does not exist yet. */
    protected abstract RunLedger newLedger(String table, Clock clock) throws Exception;

    /** Makes every later write to {@code table} fail, as a ledger lost mid-run would (e.g. drop the table). */
    protected abstract void breakLedger(String table) throws Exception;

    @BeforeEach
    void openLedger() throws Exception {
        table = "ledger_" + getClass().getSimpleName().toLowerCase().replaceAll("[^a-z]", "") + "_" + TABLES.incrementAndGet();
        ledger = newLedger(table, clock);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    private static LedgerKey key(String table, String environment) {
        return new LedgerKey("sales", table, TD, environment);
    }

    private static LedgerKey gcp(String table) {
        return key(table, "GCP");
    }

    @Test
    void prepareRefusesAMissingTable_andCreatesIt_whenAsked_idempotently() {
        assertThatThrownBy(() -> ledger.prepare(false)).isInstanceOf(LedgerException.class)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET));

        ledger.prepare(true);
        ledger.prepare(true);
        ledger.prepare(false);

        assertThat(ledger.rows("sales", "orders", null)).isEmpty();
    }

    @Test
    void statusMovesForwardThroughTheMachine_settingLastModifiedAtEachTime() {
        ledger.prepare(true);
        Instant t0 = clock.peek();

        LedgerRow pending = ledger.record(gcp("orders"), LedgerStatus.PENDING, null);
        LedgerRow running = ledger.record(gcp("orders"), LedgerStatus.RUNNING, "job-1");
        LedgerRow succeeded = ledger.record(gcp("orders"), LedgerStatus.SUCCEEDED, "job-1");

        assertThat(pending.status()).isEqualTo(LedgerStatus.PENDING);
        assertThat(pending.jobId()).isNull();
        assertThat(pending.lastModifiedAt()).isEqualTo(t0);
        assertThat(running.status()).isEqualTo(LedgerStatus.RUNNING);
        assertThat(running.jobId()).isEqualTo("job-1");
        assertThat(running.lastModifiedAt()).isAfter(pending.lastModifiedAt());
        assertThat(succeeded.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(succeeded.lastModifiedAt()).isAfter(running.lastModifiedAt());
        assertThat(succeeded.key()).isEqualTo(gcp("orders"));
        assertThat(ledger.rows("sales", "orders", null)).hasSize(1);
    }

    @Test
    void runningIsRecordedWithItsJobId_whenTheTriggerWroteNoRow() {
        ledger.prepare(true);

        LedgerRow row = ledger.record(gcp("orders"), LedgerStatus.RUNNING, "dataproc-abc");

        assertThat(ledger.find(gcp("orders"))).get().satisfies(found -> {
            assertThat(found.status()).isEqualTo(LedgerStatus.RUNNING);
            assertThat(found.jobId()).isEqualTo("dataproc-abc");
            assertThat(found.lastModifiedAt()).isEqualTo(row.lastModifiedAt());
        });
        assertThat(ledger.find(key("orders", "ONPREM"))).isEmpty();
    }

    @Test
    void remarkingIsIdempotent_oneRowWhoseLastModifiedAtMovesOn() {
        ledger.prepare(true);

        LedgerRow first = ledger.record(gcp("orders"), LedgerStatus.SUCCEEDED, "job-1");
        LedgerRow again = ledger.record(gcp("orders"), LedgerStatus.SUCCEEDED, "job-1");
        LedgerRow pendingAgain = ledger.record(key("orders", "ONPREM"), LedgerStatus.PENDING, null);
        LedgerRow pendingThird = ledger.record(key("orders", "ONPREM"), LedgerStatus.PENDING, null);

        assertThat(again.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(again.jobId()).isEqualTo("job-1");
        assertThat(again.lastModifiedAt()).isAfter(first.lastModifiedAt());
        assertThat(pendingThird.lastModifiedAt()).isAfter(pendingAgain.lastModifiedAt());
        assertThat(ledger.rows("sales", "orders", null)).hasSize(2);
    }

    @Test
    void aLaterStatusNeverGoesBackwards_andARefusedWriteChangesNothing() {
        ledger.prepare(true);
        LedgerRow succeeded = ledger.record(gcp("a"), LedgerStatus.SUCCEEDED, "job-1");
        ledger.record(gcp("b"), LedgerStatus.FAILED, "job-1");
        ledger.record(gcp("c"), LedgerStatus.RUNNING, "job-1");

        LedgerRow lateRunning = ledger.record(gcp("a"), LedgerStatus.RUNNING, "job-2");
        LedgerRow lateFailure = ledger.record(gcp("a"), LedgerStatus.FAILED, "job-3");
        LedgerRow lateRunningAfterFailure = ledger.record(gcp("b"), LedgerStatus.RUNNING, "job-4");
        LedgerRow latePending = ledger.record(gcp("c"), LedgerStatus.PENDING, null);

        assertThat(lateRunning.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(lateFailure.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(lateFailure.jobId()).isEqualTo("job-1");
        assertThat(lateFailure.lastModifiedAt()).isEqualTo(succeeded.lastModifiedAt());
        assertThat(lateRunningAfterFailure.status()).isEqualTo(LedgerStatus.FAILED);
        assertThat(lateRunningAfterFailure.jobId()).isEqualTo("job-1");
        assertThat(latePending.status()).isEqualTo(LedgerStatus.RUNNING);
    }

    @Test
    void aRetryThatSucceedsAfterAFailureSaysSo_withItsJobId() {
        ledger.prepare(true);
        ledger.record(gcp("orders"), LedgerStatus.RUNNING, "job-1");
        ledger.record(gcp("orders"), LedgerStatus.FAILED, "job-1");

        LedgerRow retried = ledger.record(gcp("orders"), LedgerStatus.SUCCEEDED, "job-2");

        assertThat(retried.status()).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThat(retried.jobId()).isEqualTo("job-2");
    }

    @Test
    void aWriteWithoutAJobIdKeepsTheStoredOne() {
        ledger.prepare(true);
        ledger.record(gcp("orders"), LedgerStatus.RUNNING, "job-1");

        LedgerRow row = ledger.record(gcp("orders"), LedgerStatus.FAILED, null);

        assertThat(row.status()).isEqualTo(LedgerStatus.FAILED);
        assertThat(row.jobId()).isEqualTo("job-1");
    }

    @Test
    void rowsOfATableShowEveryEnvironment_newestRunFirst_andCanBeNarrowedToOneRun() {
        ledger.prepare(true);
        Instant older = TD.minus(Duration.ofDays(1));
        ledger.record(new LedgerKey("sales", "orders", older, "ONPREM"), LedgerStatus.SUCCEEDED, null);
        ledger.record(new LedgerKey("sales", "orders", older, "GCP"), LedgerStatus.SUCCEEDED, "job-0");
        ledger.record(key("orders", "ONPREM"), LedgerStatus.SUCCEEDED, null);
        ledger.record(gcp("orders"), LedgerStatus.PENDING, null);
        ledger.record(gcp("customers"), LedgerStatus.SUCCEEDED, "job-9");

        List<LedgerRow> all = ledger.rows("sales", "orders", null);
        List<LedgerRow> latest = ledger.rows("sales", "orders", TD);

        assertThat(all).extracting(r -> r.key().tdTimestamp() + " " + r.key().environment() + " " + r.status())
                .containsExactly(TD + " GCP PENDING", TD + " ONPREM SUCCEEDED", older + " GCP SUCCEEDED", older + " ONPREM SUCCEEDED");
        assertThat(latest).extracting(r -> r.key().environment()).containsExactly("GCP", "ONPREM");
        assertThat(ledger.rows("sales", "nothing", null)).isEmpty();
    }

    @Test
    void twentyConcurrentRunsOfDifferentTables_allEndInTheRightState() throws Exception {
        ledger.prepare(true);
        int runs = 20;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    go.await();
                    LedgerKey key = gcp("t" + n);
                    ledger.record(key, LedgerStatus.RUNNING, "job-" + n);
                    ledger.record(key, n % 4 == 0 ? LedgerStatus.FAILED : LedgerStatus.SUCCEEDED, "job-" + n);
                    ledger.record(key, LedgerStatus.RUNNING, "late-" + n);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < runs; i++) {
            List<LedgerRow> rows = ledger.rows("sales", "t" + i, null);
            assertThat(rows).as("rows of t" + i).hasSize(1);
            assertThat(rows.get(0).status()).isEqualTo(i % 4 == 0 ? LedgerStatus.FAILED : LedgerStatus.SUCCEEDED);
            assertThat(rows.get(0).jobId()).isEqualTo("job-" + i);
        }
    }

    @Test
    void racingWritersOfOneKey_leaveOneRowAtTheHighestStatus() throws Exception {
        ledger.prepare(true);
        List<LedgerStatus> writes = List.of(LedgerStatus.PENDING, LedgerStatus.RUNNING, LedgerStatus.SUCCEEDED, LedgerStatus.FAILED,
                LedgerStatus.PENDING, LedgerStatus.RUNNING, LedgerStatus.PENDING, LedgerStatus.RUNNING);
        ExecutorService pool = Executors.newFixedThreadPool(writes.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (LedgerStatus status : writes) {
                done.add(pool.submit(() -> {
                    go.await();
                    return ledger.record(gcp("orders"), status, status == LedgerStatus.SUCCEEDED ? "winner" : "other");
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ledger.rows("sales", "orders", null)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(LedgerStatus.SUCCEEDED);
            assertThat(row.jobId()).isEqualTo("winner");
        });
    }

    @Test
    void aRunIsRecordedRunningThenSucceeded_withItsJobId() throws Exception {
        createSourceTable("orders_ok");
        List<LedgerStatus> seenAtCommit = new ArrayList<>();
        RunListener observer = new RunListener() {
            @Override
            public void committed(RunIdentity run, RunSummary summary) {
                seenAtCommit.add(ledger.find(LedgerKey.of(run)).orElseThrow().status());
            }
        };

        RunSummary summary = copy("orders_ok", "job-ok").withListener(observer)
                .withListener(new LedgerRecorder(ledger, true, false)).run(ProgressListener.NONE);

        assertThat(seenAtCommit).containsExactly(LedgerStatus.RUNNING);
        assertThat(ledger.rows("LEDGER_SRC", "orders_ok", Instant.parse(summary.tdTimestamp))).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(LedgerStatus.SUCCEEDED);
            assertThat(row.jobId()).isEqualTo("job-ok");
            assertThat(row.key().environment()).isEqualTo("GCP");
        });
    }

    @Test
    void aLedgerWriteFailingAtTheEnd_failsTheRunWithItsCommittedSummary_andTheDataStaysCommitted() throws Exception {
        createSourceTable("orders_end");
        RunListener saboteur = new RunListener() {
            @Override
            public void committed(RunIdentity run, RunSummary summary) {
                try {
                    breakLedger(table);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        TableCopy copy = copy("orders_end", "job-end").withListener(saboteur).withListener(new LedgerRecorder(ledger, true, false));

        assertThatThrownBy(() -> copy.run(ProgressListener.NONE)).isInstanceOf(CommittedRunException.class)
                .hasMessageContaining("SUCCEEDED").hasMessageContaining(ledger.describe())
                .satisfies(e -> {
                    CommittedRunException committed = (CommittedRunException) e;
                    assertThat(committed.kind()).isEqualTo(FailureKind.TARGET);
                    assertThat(committed.summary().rows).isEqualTo(SOURCE_ROWS);
                    assertThat(committed.summary().status).isEqualTo("SUCCEEDED");
                    Path partition = Path.of(java.net.URI.create(committed.summary().location)).getParent();
                    assertThat(ParquetReadback.query(partition, "count(*) AS n", "n").rows()).containsExactly(List.of((long) SOURCE_ROWS));
                });
    }

    @Test
    void aLedgerThatCannotBeWrittenAtTheStart_stopsTheRunBeforeAnythingIsWritten() throws Exception {
        createSourceTable("orders_start");

        TableCopy copy = copy("orders_start", "job-start").withListener(new LedgerRecorder(ledger, false, false));

        assertThatThrownBy(() -> copy.run(ProgressListener.NONE)).isInstanceOf(LedgerException.class)
                .hasMessageContaining("RUNNING").hasMessageContaining(ledger.describe())
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET));
        try (Stream<Path> written = Files.walk(output)) {
            assertThat(written.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void anOptionalLedgerThatCannotBeWritten_onlyWarns_andTheRunGoesOn() throws Exception {
        createSourceTable("orders_optional");

        RunSummary summary = copy("orders_optional", "job-opt").withListener(new LedgerRecorder(ledger, false, true))
                .run(ProgressListener.NONE);

        assertThat(summary.rows).isEqualTo(SOURCE_ROWS);
    }

    private TableCopy copy(String sourceTable, String jobId) {
        RunOptions options = RunOptions.builder()
                .table(new TableRef("LEDGER_SRC", sourceTable))
                .sourceUrl(SOURCE_URL)
                .target(output.toUri())
                .tdTimestamp(TD)
                .splits(2)
                .jobId(jobId)
                .build();
        return new TableCopy(options, new Configuration());
    }

    private static void createSourceTable(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(SOURCE_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS LEDGER_SRC");
            s.execute("DROP TABLE IF EXISTS LEDGER_SRC.\"" + name + "\"");
            s.execute("CREATE TABLE LEDGER_SRC.\"" + name + "\" (ID BIGINT PRIMARY KEY, NOTE VARCHAR(20))");
            s.execute("INSERT INTO LEDGER_SRC.\"" + name + "\" SELECT X, 'row ' || X FROM SYSTEM_RANGE(1, " + SOURCE_ROWS + ")");
        }
    }
}
