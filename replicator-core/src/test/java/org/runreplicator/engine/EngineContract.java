package org.runreplicator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.runreplicator.FailureKind;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;

/**
 * The {@link Engine} contract, run against every engine: a PostgreSQL table copied in eight
 * splits through the engine and committed by the run arrives with every row exactly once, also
 * when every split's first attempt fails on purpose; no more reading sessions than
 * {@code --max-connections} are ever open (counted by PostgreSQL itself, beside the run's one idle
 * session holding the shared snapshot); a failure no retry
 * mends fails the run with its kind and publishes nothing.
 */
public abstract class EngineContract {
    protected static final int ROWS = 40_000;
    protected static final int SPLITS = 8;
    /** Test-only settings an engine's own tests may add (see {@link FaultHooks}). */
    protected static final String SLOW_FIRST_ATTEMPT_MS = FaultHooks.SLOW_FIRST_ATTEMPT_MS;
    protected static final String SLOW_SPLIT = FaultHooks.SLOW_SPLIT;
    private static PostgresServer server;
    private static String database;

    /** The engine under test, configured with {@code conf} (which carries the test's fault settings). */
    protected abstract Engine engine(Configuration conf, int maxConnections, int maxAttempts);

    /** The Hadoop configuration the engine and the run write with. */
    protected abstract Configuration conf();

    /** A fresh, empty target for one test. */
    protected abstract URI newTarget() throws Exception;

    /** The committed partition's files, copied where DuckDB can read them. */
    protected abstract java.nio.file.Path localCopy(Path partitionDir) throws Exception;

    @BeforeAll
    static void createTable() throws SQLException {
        server = PostgresServer.shared();
        database = server.createDatabase("engine");
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA eng");
            s.execute("CREATE TABLE eng.items (id bigint PRIMARY KEY, payload text)");
            s.execute("INSERT INTO eng.items SELECT x, repeat('p', 40) || x FROM generate_series(1, " + ROWS + ") x");
        }
    }

    @Test
    void everyRowArrivesExactlyOnce_fromEightSplits() throws Exception {
        URI target = newTarget();
        RunSummary summary = copy(conf(), target, 4, 3, null);

        assertThat(summary.splitRows).hasSize(SPLITS).allSatisfy(rows -> assertThat(rows).isPositive());
        assertThat(summary.attempts).isEqualTo(SPLITS);
        assertExactlyOnce(summary);
    }

    @Test
    void firstAttemptsFailingOnPurpose_stillCommitEveryRowExactlyOnce_andLeaveNoStaging() throws Exception {
        Configuration conf = conf();
        conf.setBoolean(FaultHooks.FAIL_FIRST_ATTEMPT, true);
        URI target = newTarget();

        RunSummary summary = copy(conf, target, 4, 3, null);

        assertThat(summary.attempts).isEqualTo(2 * SPLITS);
        assertExactlyOnce(summary);
        Path control = new Path(new Path(target), "_replicator/eng/items/ds=2024-05-01/runs");
        FileSystem fs = control.getFileSystem(conf);
        assertThat(fs.exists(control) ? fs.listStatus(control) : new Object[0]).isEmpty();
    }

    @Test
    void neverMoreSourceSessionsThanMaxConnections() throws Exception {
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean copying = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> sampleSessions(most, copying), "session-sampler");
        sampler.start();
        try {
            assertExactlyOnce(copy(conf(), newTarget(), 2, 3, null));
        } finally {
            copying.set(false);
            sampler.join();
        }
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void aFailureNoRetryMends_failsTheRunWithItsKind_andPublishesNothing() throws Exception {
        URI target = newTarget();
        // Division by zero in the one split holding id 30000.
        assertThatThrownBy(() -> copy(conf(), target, 4, 2, "100 / (id - 30000) IS NOT NULL OR id = 30000"))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("division by zero")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.SOURCE));
        Path partition = new Path(new Path(target), "eng/items/ds=2024-05-01");
        assertThat(partition.getFileSystem(conf()).exists(partition)).isFalse();
    }

    protected RunSummary copy(Configuration conf, URI target, int maxConnections, int maxAttempts, String where) {
        RunOptions options = RunOptions.builder()
                .table(new TableRef("eng", "items"))
                .sourceUrl(server.jdbcUrl(database))
                .sourceUser(server.user())
                .sourcePassword(Secret.of(server.password()))
                .target(target)
                .partition(PartitionSpec.parse("ds=2024-05-01"))
                .splitMethod(SplitMethod.RANGE)
                .splitBy("id")
                .splits(SPLITS)
                .maxConnections(maxConnections)
                .maxAttempts(maxAttempts)
                .where(where)
                .jobId("engine-contract")
                .build();
        return new TableCopy(options, conf).withEngine(engine(conf, maxConnections, maxAttempts)).run(ProgressListener.NONE);
    }

    protected void assertExactlyOnce(RunSummary summary) throws Exception {
        assertThat(summary.rows).isEqualTo(ROWS);
        java.nio.file.Path local = localCopy(new Path(summary.location));
        assertThat(ParquetReadback.query(local, "count(*) AS n, count(DISTINCT id) AS d, min(id) AS lo, max(id) AS hi", "n").rows())
                .containsExactly(List.of((long) ROWS, (long) ROWS, 1L, (long) ROWS));
    }

    /** Polls pg_stat_activity for the engine's sessions on the test database until the copy ends. */
    private static void sampleSessions(AtomicInteger most, AtomicBoolean copying) {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            while (copying.get()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                        // The run's one idle session holding the shared snapshot is not a reading session.
                        + " AND application_name <> 'run-replicator snapshot'")) {
                    rs.next();
                    most.accumulateAndGet(rs.getInt(1), Math::max);
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("Cannot sample source sessions", e);
        }
    }
}
