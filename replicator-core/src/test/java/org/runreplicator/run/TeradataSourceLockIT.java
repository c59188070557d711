package org.runreplicator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.PartitionSpec;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.source.SourceLock;
import org.runreplicator.source.TableRef;
import org.runreplicator.source.TeradataDialect;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.TeradataH2Fixture;
import org.runreplicator.testing.TeradataRequestLog;
import org.runreplicator.testing.TeradataRequestLog.Event;

/**
 * The locks a Teradata copy asks for ({@code --source-lock}), as the requests it sends show them.
 * The source is the H2 stand-in; {@link TeradataRequestLog} records each request's LOCKING
 * modifier, session and transaction state (no Teradata server runs here, so what the lock manager
 * then does is Teradata's documented behaviour, not something this test can show).
 */
class TeradataSourceLockIT {
    private static final String TABLE = "\"Sales\".\"Orders\"";
    private static TeradataH2Fixture teradata;

    @TempDir
    Path output;

    @BeforeAll
    static void createTable() throws SQLException {
        teradata = TeradataH2Fixture.open();
        teradata.create(TeradataH2Fixture.ordersTable("Sales", "Orders"));
        try (PreparedStatement insert = teradata.connection().prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?, ?)")) {
            for (long id = 1; id <= 3000; id++) {
                insert.setLong(1, id);
                insert.setObject(2, (int) (id % 400));
                insert.setBigDecimal(3, java.math.BigDecimal.valueOf(id, 2));
                insert.setObject(4, null);
                insert.setString(5, "note " + id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    static void dropTable() throws SQLException {
        teradata.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        TeradataRequestLog.clear();
    }

    @Test
    void byDefault_oneSessionHoldsAReadLockFromTheCountToTheLastSplit_andSplitsReadUnderAccessLocks() {
        RunSummary summary = copy(null, SplitMethod.HASH, 4);

        List<Event> events = TeradataRequestLog.events();
        List<Event> readLocks = events.stream().filter(e -> (TABLE + " FOR READ").equals(e.lock())).toList();
        assertThat(readLocks).singleElement().satisfies(e -> {
            assertThat(e.sql()).contains("COUNT(*)").contains("FROM " + TABLE);
            assertThat(e.inTransaction()).as("the READ lock is taken inside an open transaction, so it outlasts the request").isTrue();
        });
        int holder = readLocks.get(0).session();
        List<Event> holderEvents = events.stream().filter(e -> e.session() == holder).toList();
        assertThat(holderEvents).as("the holder sends its count, then only ends").hasSize(2);
        Event released = holderEvents.get(1);
        assertThat(released.isClose()).isTrue();

        List<Event> splitReads = tableRequests(events).stream().filter(e -> e.session() != holder && e.sequence() > readLocks.get(0).sequence())
                .toList();
        assertThat(splitReads).as("each split's COUNT and SELECT").hasSize(8)
                .allSatisfy(e -> {
                    assertThat(e.lock()).isEqualTo(TABLE + " FOR ACCESS");
                    assertThat(e.sequence()).as("read while the READ lock was held").isLessThan(released.sequence());
                });
        assertThat(planningReads(events, readLocks.get(0).sequence()))
                .as("planning, before the lock is taken, asks for ACCESS: its estimates need no consistency")
                .isNotEmpty().allSatisfy(e -> assertThat(e.lock()).isEqualTo(TABLE + " FOR ACCESS"));
        assertThat(summary.rows).isEqualTo(3000);
    }

    @Test
    void accessLock_takesNoReadLockAndHoldsNoTransaction_everyRequestOnTheTableIsUnderAccess() {
        RunSummary summary = copy(SourceLock.ACCESS, SplitMethod.HASH, 3);

        List<Event> events = TeradataRequestLog.events();
        assertThat(tableRequests(events)).as("planning, the run's count, and each split's COUNT and SELECT")
                .hasSizeGreaterThanOrEqualTo(2 + 2 * 3)
                .allSatisfy(e -> {
                    assertThat(e.lock()).isEqualTo(TABLE + " FOR ACCESS");
                    assertThat(e.inTransaction()).isFalse();
                });
        assertThat(summary.rows).isEqualTo(3000);
    }

    @Test
    void rangeSplits_planUnderTheSameLock() {
        copy(SourceLock.ACCESS, SplitMethod.RANGE, 3);

        List<Event> samples = tableRequests(TeradataRequestLog.events()).stream()
                .filter(e -> e.sql().contains("IS NOT NULL") && !e.sql().contains("COUNT(*)")).toList();
        assertThat(samples).as("the range planner's sample of ORDER_ID").isNotEmpty()
                .allSatisfy(e -> assertThat(e.lock()).isEqualTo(TABLE + " FOR ACCESS"));
    }

    private RunSummary copy(SourceLock lock, SplitMethod method, int splits) {
        RunOptions options = RunOptions.builder()
                .table(new TableRef("Sales", "Orders"))
                .sourceUrl(teradata.teradataUrl())
                .sourceUser(TeradataH2Fixture.USER)
                .target(output.toUri())
                .partition(PartitionSpec.parse("ds=2024-05-01"))
                .splitMethod(method)
                .splitBy(method == SplitMethod.RANGE ? "ORDER_ID" : null)
                .splits(splits)
                .maxConnections(2)
                .jobId("teradata-locks")
                .sourceLock(lock)
                .build();
        return new TableCopy(options, new Configuration(), new TeradataDialect()).run(ProgressListener.NONE);
    }

    /** Requests that read the table itself (not the dictionary, not HASHAMP()). */
    private static List<Event> tableRequests(List<Event> events) {
        return events.stream().filter(e -> !e.isClose() && e.sql().contains("FROM " + TABLE)).toList();
    }

    private static List<Event> planningReads(List<Event> events, long before) {
        Set<Integer> sessions = events.stream().filter(e -> e.sequence() < before).map(Event::session).collect(Collectors.toSet());
        return tableRequests(events).stream().filter(e -> e.sequence() < before && sessions.contains(e.session())).toList();
    }
}
