package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.PartitionSpec;
import org.runreplicator.ReplicatorException;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.TestStore;

/** A whole run, H2 to Parquet, on each store: what readers find after a copy, a replace and a failure. */
abstract class TableCopyOnStoresContract {
    private static final TableRef TABLE = new TableRef("sales", "orders");
    private static final PartitionSpec DS = PartitionSpec.parse("ds=2024-05-01");
    private static final int ROWS = 5_000;
    private static final String COUNT_AND_SUM = "count(*) AS n, CAST(sum(id) AS BIGINT) AS s";

    @TempDir
    Path local;
    TestStore store;
    private String h2Url;

    abstract TestStore newStore();

    @BeforeEach
    void createSource() throws Exception {
        store = newStore();
        h2Url = "jdbc:h2:mem:stores" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(h2Url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA sales");
            s.execute("CREATE TABLE sales.orders (id BIGINT PRIMARY KEY, amount DECIMAL(12,2), note VARCHAR(40))");
            s.execute("INSERT INTO sales.orders SELECT x, x / 100.0, 'order ' || x FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
    }

    @Test
    void aCopyCommitsExactlyTheSourceRows_readThroughTheLogAndByListing() throws Exception {
        RunSummary summary = copy(null, "job-1");

        assertThat(summary.rows).isEqualTo(ROWS);
        assertThat(summary.location).startsWith(store.target().getScheme() + ":").endsWith("/ds=2024-05-01/run-" + summary.runId);
        assertThat(summary.commitSeconds).isPositive().isLessThan(summary.seconds);
        assertThat(viaLog()).containsExactly(List.of((long) ROWS, (long) ROWS * (ROWS + 1) / 2));
        assertThat(byListing()).containsExactly(List.of((long) ROWS, (long) ROWS * (ROWS + 1) / 2));
    }

    @Test
    void aRerunReplacesThePartition_withNoFileOfThePreviousRunLeft() throws Exception {
        copy(null, "job-1");
        RunSummary second = copy("id <= 100", "job-2");

        assertThat(second.rows).isEqualTo(100);
        assertThat(viaLog()).containsExactly(List.of(100L, 5050L));
        assertThat(byListing()).containsExactly(List.of(100L, 5050L));
        assertThat(current().manifest().jobId).isEqualTo("job-2");
    }

    @Test
    void aRunThatFailsMidCopy_leavesThePreviousVersionServed() throws Exception {
        RunSummary first = copy("id <= 1000", "job-1");

        assertThatThrownBy(() -> copy("CAST(CASE WHEN id = 2500 THEN 'x' ELSE '1' END AS INT) = 1", "job-bad"))
                .isInstanceOf(ReplicatorException.class)
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.SOURCE));

        assertThat(current().manifest().runId).isEqualTo(first.runId);
        assertThat(viaLog()).containsExactly(List.of(1000L, 500500L));
        assertThat(byListing()).containsExactly(List.of(1000L, 500500L));
    }

    private RunSummary copy(String where, String jobId) {
        RunOptions options = RunOptions.builder()
                .table(TABLE)
                .sourceUrl(h2Url)
                .sourceUser("sa")
                .target(store.target())
                .partition(DS)
                .splitMethod(SplitMethod.RANGE)
                .splitBy("id")
                .splits(4)
                .maxConnections(2)
                .maxAttempts(1)
                .where(where)
                .jobId(jobId)
                .build();
        return new TableCopy(options, store.conf()).run(ProgressListener.NONE);
    }

    private CommittedVersion current() throws Exception {
        return readback().current();
    }

    private List<List<Object>> viaLog() throws Exception {
        return readback().viaLog(COUNT_AND_SUM);
    }

    private List<List<Object>> byListing() throws Exception {
        return readback().byListing(COUNT_AND_SUM);
    }

    private StoreReadback readback() {
        return new StoreReadback(store, TABLE, DS, local);
    }
}
