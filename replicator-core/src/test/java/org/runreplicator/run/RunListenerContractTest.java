package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.runreplicator.RunIdentity;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.ParquetReadback;

/**
 * The {@link RunListener} contract, held by a real {@link TableCopy} of a real H2 table: the order
 * of events, and what a listener throwing from each of them does to the run.
 */
public class RunListenerContractTest {
    private static final String DATABASE = "jdbc:h2:mem:listener_contract;DB_CLOSE_DELAY=-1";
    /** Every connection the run opens through this URL calls {@link SourceReads#connected} first. */
    private static final String SOURCE_URL = DATABASE + ";INIT=CALL PUBLIC.NOTE_CONNECTION()";
    private static final Instant TD = Instant.parse("2024-05-01T02:00:00Z");
    private static final int ROWS = 300;
    private static Connection keepAlive;

    @TempDir
    Path output;

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** Counts connections to the source; public so H2 can call it. */
    public static final class SourceReads {
        static final AtomicInteger CONNECTIONS = new AtomicInteger();

        private SourceReads() {
        }

        public static int connected() {
            return CONNECTIONS.incrementAndGet();
        }
    }

    @BeforeAll
    static void createSource() throws SQLException {
        keepAlive = DriverManager.getConnection(DATABASE);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE ALIAS PUBLIC.NOTE_CONNECTION FOR '" + SourceReads.class.getName() + ".connected'");
            s.execute("CREATE SCHEMA SALES");
            s.execute("CREATE TABLE SALES.ORDERS (ID BIGINT PRIMARY KEY, NOTE VARCHAR(20))");
            s.execute("INSERT INTO SALES.ORDERS SELECT X, 'order ' || X FROM SYSTEM_RANGE(1, " + ROWS + ")");
        }
    }

    @AfterAll
    static void dropSource() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        keepAlive.close();
    }

    @BeforeEach
    void resetCount() {
        SourceReads.CONNECTIONS.set(0);
    }

    private TableCopy copy(String table) {
        RunOptions options = RunOptions.builder().table(new TableRef("SALES", table)).sourceUrl(SOURCE_URL).target(output.toUri())
                .tdTimestamp(TD).splits(3).jobId("job-7").environment("GCP").build();
        return new TableCopy(options, new Configuration());
    }

    /** Records what it is told as "NAME event"; throws from {@code throwFrom} when given. */
    private RunListener listener(String name, String throwFrom) {
        return new RunListener() {
            @Override
            public void started(RunIdentity run) {
                events.add(name + " started " + run.jobId());
                maybeThrow("started");
            }

            @Override
            public void committed(RunIdentity run, RunSummary summary) {
                events.add(name + " committed " + summary.rows);
                maybeThrow("committed");
            }

            @Override
            public void failed(RunIdentity run, ReplicatorException failure) {
                events.add(name + " failed " + failure.kind());
                maybeThrow("failed");
            }

            private void maybeThrow(String event) {
                if (event.equals(throwFrom)) {
                    throw new ReplicatorException(FailureKind.TARGET, name + " cannot take " + event);
                }
            }
        };
    }

    @Test
    void listenersAreToldStartedThenCommitted_inTheOrderTheyWereAdded_andTheSummaryCarriesTheRunsIdentity() {
        List<RunIdentity> identities = new CopyOnWriteArrayList<>();
        RunListener identity = new RunListener() {
            @Override
            public void started(RunIdentity run) {
                identities.add(run);
            }
        };

        RunSummary summary = copy("ORDERS").withListener(listener("a", null)).withListener(identity).withListener(listener("b", null))
                .run(ProgressListener.NONE);

        assertThat(events).containsExactly("a started job-7", "b started job-7", "a committed " + ROWS, "b committed " + ROWS);
        RunIdentity run = identities.get(0);
        assertThat(summary.runId).isEqualTo(run.runId()).startsWith("job-7-");
        assertThat(summary.jobId).isEqualTo("job-7");
        assertThat(summary.tdTimestamp).isEqualTo(TD.toString());
        assertThat(summary.environment).isEqualTo("GCP");
    }

    @Test
    void aListenerThrowingFromStarted_stopsTheRunBeforeTheSourceIsRead_andNothingIsWritten() throws Exception {
        TableCopy copy = copy("ORDERS").withListener(listener("ledger", "started")).withListener(listener("progress", null));

        assertThatThrownBy(() -> copy.run(ProgressListener.NONE)).isInstanceOf(ReplicatorException.class)
                .hasMessage("ledger cannot take started")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET));

        assertThat(SourceReads.CONNECTIONS).as("connections to the source").hasValue(0);
        try (Stream<Path> written = Files.walk(output)) {
            assertThat(written.filter(p -> !p.equals(output))).as("anything under the target").isEmpty();
        }
        assertThat(events).containsExactly("ledger started job-7", "ledger failed TARGET", "progress failed TARGET");
    }

    @Test
    void theSourceIsReadWhenNoListenerObjects() {
        copy("ORDERS").withListener(listener("ledger", null)).run(ProgressListener.NONE);

        assertThat(SourceReads.CONNECTIONS.get()).as("connections to the source").isPositive();
    }

    @Test
    void aListenerThrowingFromCommitted_failsTheRunWithTheCommittedSummary_othersAreStillTold_andTheDataStaysCommitted() {
        TableCopy copy = copy("ORDERS").withListener(listener("ledger", "committed")).withListener(listener("summary", null));

        assertThatThrownBy(() -> copy.run(ProgressListener.NONE)).isInstanceOf(CommittedRunException.class)
                .hasMessageContaining("Committed " + ROWS + " rows of SALES.ORDERS").hasMessageContaining("ledger cannot take committed")
                .satisfies(e -> {
                    CommittedRunException committed = (CommittedRunException) e;
                    assertThat(committed.kind()).isEqualTo(FailureKind.TARGET);
                    assertThat(committed.summary().rows).isEqualTo(ROWS);
                    assertThat(committed.summary().jobId).isEqualTo("job-7");
                    Path partition = Path.of(URI.create(committed.summary().location)).getParent();
                    assertThat(ParquetReadback.query(partition, "count(*) AS n", "n").rows()).containsExactly(List.of((long) ROWS));
                });
        assertThat(events).containsExactly("ledger started job-7", "summary started job-7", "ledger committed " + ROWS,
                "summary committed " + ROWS);
    }

    @Test
    void aListenerThrowingFromFailed_isLoggedAndDropped_andTheRunsOwnFailureIsReported() {
        TableCopy copy = copy("MISSING").withListener(listener("ledger", "failed")).withListener(listener("summary", null));

        assertThatThrownBy(() -> copy.run(ProgressListener.NONE)).isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("SALES.MISSING").hasMessageNotContaining("ledger cannot take")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.SOURCE));
        assertThat(events).containsExactly("ledger started job-7", "summary started job-7", "ledger failed SOURCE", "summary failed SOURCE");
    }
}
