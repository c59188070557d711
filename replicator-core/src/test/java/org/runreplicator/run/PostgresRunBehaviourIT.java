package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.runreplicator.PartitionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.Secret;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;

/** How a run behaves against a real PostgreSQL: replacing, failing cleanly, validating, retrying. */
@ExtendWith(PostgresServer.Extension.class)
class PostgresRunBehaviourIT {
    private static final int ROWS = 200_000;
    private static PostgresServer server;
    private static String database;

    @TempDir
    Path output;

    @BeforeAll
    static void createTable(PostgresServer pg) throws SQLException {
        server = pg;
        database = pg.createDatabase("behaviour");
        try (Connection c = pg.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id bigint PRIMARY KEY, amount numeric(12,2), note text)");
            s.execute("INSERT INTO sales.orders SELECT x, x * 0.01, 'order ' || x FROM generate_series(1, " + ROWS + ") x");
        }
    }

    @Test
    void secondRunReplacesThePartition_withExactlyItsRows() throws Exception {
        RunSummary first = run(options("job-1").build());
        RunSummary second = run(options("job-2").where("id <= 1000").build());

        Path partition = partition();
        assertThat(first.rows).isEqualTo(ROWS);
        assertThat(second.rows).isEqualTo(1000);
        assertThat(ParquetReadback.query(partition, "count(*) AS n, count(DISTINCT id) AS d, max(id) AS m", "n").rows())
                .containsExactly(List.of(1000L, 1000L, 1000L));
        assertThat(CommittedVersion.current(localFs(), TableLocation.of(output.toUri(), new TableRef("sales", "orders")),
                PartitionSpec.parse("ds=2024-05-01")).orElseThrow().manifest().jobId).isEqualTo("job-2");
    }

    @Test
    void failedRunLeavesThePreviousPartitionVisible_andRemovesItsOwnFiles() throws Exception {
        run(options("job-1").where("id <= 500").build());
        List<Path> before = files(partition());

        // Division by zero in the one split holding id 150000: a permanent failure after other splits wrote.
        assertThatThrownBy(() -> run(options("job-3").where("100 / (id - 150000) IS NOT NULL OR id = 150000").build()))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("division by zero")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.SOURCE));

        assertThat(files(partition())).isEqualTo(before);
        assertThat(ParquetReadback.query(partition(), "count(*) AS n", "n").rows()).containsExactly(List.of(500L));
        assertThat(staging()).isEmpty();
    }

    @Test
    void countMismatchFailsTheRunWithAValidationError_andCommitsNothing() throws Exception {
        run(options("job-1").where("id <= 500").build());

        // random() is evaluated separately by the COUNT and by the SELECT, so they disagree.
        assertThatThrownBy(() -> run(options("job-4").where("random() < 0.5").splitMethod(SplitMethod.RANGE).build()))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("but the source counts")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.VALIDATION));

        assertThat(ParquetReadback.query(partition(), "count(*) AS n", "n").rows()).containsExactly(List.of(500L));
        assertThat(staging()).isEmpty();
    }

    @Test
    void splitRetriesAfterItsConnectionIsKilled_withoutDuplicatingRows() throws Exception {
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> killOneSplitReader(killed), "split-killer");
        killer.setDaemon(true);
        killer.start();

        RunSummary summary = run(options("job-1").fetchSize(100).build());
        killer.join(Duration.ofSeconds(30).toMillis());

        assertThat(killed.get()).isEqualTo(1);
        assertThat(summary.attempts).isEqualTo(summary.splitRows.size() + 1);
        assertThat(summary.rows).isEqualTo(ROWS);
        assertThat(ParquetReadback.query(partition(), "count(*) AS n, count(DISTINCT id) AS d", "n").rows())
                .containsExactly(List.of((long) ROWS, (long) ROWS));
        assertThat(staging()).isEmpty();
    }

    /** Terminates the backend of the first split SELECT that is streaming rows. */
    private static void killOneSplitReader(AtomicInteger killed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE state = 'active' AND query LIKE 'SELECT \"id\", \"amount\", \"note\" FROM%' AND pid <> pg_backend_pid() LIMIT 1")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        killed.incrementAndGet();
                        return;
                    }
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunOptions.Builder options(String jobId) {
        return RunOptions.builder()
                .table(new TableRef("sales", "orders"))
                .sourceUrl(server.jdbcUrl(database))
                .sourceUser(server.user())
                .sourcePassword(Secret.of(server.password()))
                .target(output.toUri())
                .partition(PartitionSpec.parse("ds=2024-05-01"))
                .splitMethod(SplitMethod.RANGE)
                .splitBy("id")
                .splits(4)
                .maxConnections(4)
                .jobId(jobId);
    }

    private RunSummary run(RunOptions options) {
        return new TableCopy(options, new Configuration()).withFirstRetryBackoff(Duration.ofMillis(100)).run(ProgressListener.NONE);
    }

    private Path partition() {
        return output.resolve("sales/orders/ds=2024-05-01");
    }

    private static FileSystem localFs() throws Exception {
        return FileSystem.getLocal(new Configuration());
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Set<Path> staging() throws Exception {
        try (Stream<Path> walk = Files.walk(output)) {
            return new HashSet<>(walk.filter(p -> p.toString().contains("/runs/") || p.toString().contains("/retired/")).toList());
        }
    }
}
