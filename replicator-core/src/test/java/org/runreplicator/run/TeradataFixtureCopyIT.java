package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;
import org.runreplicator.PartitionSpec;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.source.TeradataDialect;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.SourceValues;
import org.runreplicator.testing.TeradataH2Fixture;

/**
 * The Teradata dialect end to end — dictionary describe, type mapping, AMP and bucket hash
 * splits, PPI partition splits, copy, commit — against the H2 stand-in for Teradata (no Teradata
 * server can run here), read back by DuckDB and compared value by value.
 */
class TeradataFixtureCopyIT {
    private static final SourceDialect TERADATA = new TeradataDialect();
    private static TeradataH2Fixture teradata;

    @TempDir
    Path output;

    @BeforeAll
    static void createTables() throws SQLException {
        teradata = TeradataH2Fixture.open();
        teradata.create(TeradataH2Fixture.ordersTable("Sales", "Orders"));
        teradata.create(TeradataH2Fixture.eventsTable("Sales", "Events"));
        try (PreparedStatement orders = teradata.connection().prepareStatement("INSERT INTO \"Sales\".\"Orders\" VALUES (?, ?, ?, ?, ?)");
                PreparedStatement events = teradata.connection().prepareStatement("INSERT INTO \"Sales\".\"Events\""
                        + " (\"EVENT_ID\", \"EVENT_DATE\", \"LOGGED_AT\", \"KIND\") VALUES (?, ?, ?, ?)")) {
            for (long id = 1; id <= 2500; id++) {
                orders.setLong(1, id * 7919 - 5_000_000);
                orders.setObject(2, id % 9 == 0 ? null : (int) (id % 400));
                orders.setBigDecimal(3, id % 13 == 0 ? null : java.math.BigDecimal.valueOf(id * 1234567L - 99_999_999, 2));
                orders.setObject(4, id % 17 == 0 ? null : LocalDate.of(1900, 1, 1).plusDays(id * 37));
                orders.setString(5, id % 5 == 0 ? null : "note " + id + (id % 2 == 0 ? " ünïcödé 😀" : ""));
                orders.addBatch();
                events.setInt(1, (int) id);
                events.setObject(2, LocalDate.of(2020, 1, 1).plusDays(id % 720));
                events.setObject(3, id % 11 == 0 ? null : LocalDateTime.of(2020, 3, 8, 1, 0).plusNanos(id * 1_234_567_000L));
                events.setString(4, "kind-" + (id % 4));
                events.addBatch();
            }
            orders.executeBatch();
            events.executeBatch();
        }
    }

    @AfterAll
    static void dropTables() throws SQLException {
        teradata.close();
    }

    @ParameterizedTest(name = "{0}.{1} by {2} in {3} splits")
    @CsvSource({"Sales, Orders, hash, 5", "Sales, Orders, hash, 12", "Sales, Events, partition, 4", "Sales, Events, hash, 3"})
    void everyValueReadsBackExactly(String db, String table, String method, int splits) throws Exception {
        TableRef ref = new TableRef(db, table);
        RunOptions options = RunOptions.builder()
                .table(ref)
                .sourceUrl(teradata.teradataUrl())
                .sourceUser(TeradataH2Fixture.USER)
                .target(output.toUri())
                .partition(PartitionSpec.parse("ds=2024-05-01"))
                .splitMethod(SplitMethod.parse(method))
                .splits(splits)
                .maxConnections(3)
                .jobId("teradata-fixture")
                .build();

        RunSummary summary = new TableCopy(options, new Configuration(), TERADATA).run(ProgressListener.NONE);

        SourceTable described;
        List<List<Object>> expected;
        try (Connection c = java.sql.DriverManager.getConnection(teradata.jdbcUrl(), TeradataH2Fixture.USER, "")) {
            described = TERADATA.describe(c, ref);
            expected = SourceValues.comparable(SourceValues.rows(c, TERADATA.selectSql(described, null, null) + " ORDER BY 1", described));
        }
        Path partition = Path.of(URI.create(summary.location));
        List<List<Object>> actual = SourceValues.comparable(ParquetReadback.read(partition, described.columns().get(0).name()).rows())
                .stream().map(row -> row.subList(0, described.columns().size())).toList();

        assertThat(summary.splitMethod).isEqualTo(method);
        assertThat(summary.splitRows).hasSize(splits);
        assertThat(summary.rows).isEqualTo(2500);
        assertThat(actual).isEqualTo(expected);
    }
}
