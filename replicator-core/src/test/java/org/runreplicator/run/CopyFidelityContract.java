package org.runreplicator.run;

import org.runreplicator.engine.ProgressListener;
import static org.assertj.core.api.Assertions.assertThat;
import org.runreplicator.PartitionSpec;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runreplicator.Secret;
import org.runreplicator.source.Dialects;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.SourceValues;
import org.runreplicator.types.ParquetFlavor;

/**
 * The same fidelity contract for every source: a table with every supported type, NULLs and
 * extremes is copied end to end with several split methods and counts, then read back by an
 * independent Parquet reader (DuckDB) and compared value by value with the source. The JVM runs
 * in America/Los_Angeles, so a value that shifted with the zone would show.
 */
abstract class CopyFidelityContract {
    /** Generated rows besides the hand-written extremes. */
    static final int GENERATED_ROWS = 3000;
    /** A 1 MB text with characters beyond the BMP. */
    static final String BIG_TEXT = "wörld 😀 𝄞 ".repeat(1 << 20 / 16);

    @TempDir
    Path output;

    /** A connection to the source that holds {@link #table()} filled with the fidelity rows. */
    abstract Connection source() throws SQLException;

    abstract String jdbcUrl();

    abstract String user();

    abstract Secret password();

    abstract TableRef table();

    @ParameterizedTest(name = "{0} with {1} splits, {2} flavour")
    @CsvSource({"none, 1, hive3", "range, 4, hive3", "hash, 7, modern", "auto, 3, hive3", "range, 4, modern"})
    void everyValueReadsBackExactly(String method, int splits, String flavor) throws Exception {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("America/Los_Angeles");

        ParquetFlavor parquetFlavor = ParquetFlavor.parse(flavor);
        RunSummary summary = copy(SplitMethod.parse(method), splits, null, parquetFlavor);

        Path partition = output.resolve(table().database().toLowerCase() + "/" + table().table().toLowerCase() + "/ds=2024-05-01");
        assertThat(Path.of(URI.create(summary.location)).getParent()).isEqualTo(partition);
        SourceTable described;
        List<List<Object>> expected;
        try (Connection c = source()) {
            described = Dialects.forUrl(jdbcUrl()).describe(c, table());
            expected = SourceValues.comparable(SourceValues.rows(c,
                    Dialects.forUrl(jdbcUrl()).selectSql(described, null, null) + " ORDER BY 1", described));
            if (parquetFlavor == ParquetFlavor.HIVE3) {
                // INT96 carries no zone: an instant is stored, and read back by DuckDB, as its UTC wall clock.
                expected = expected.stream().map(row -> row.stream().map(v -> v instanceof Instant
                        ? (Object) LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC) : v).toList()).toList();
            }
        }
        ParquetReadback.Table back = ParquetReadback.read(partition, described.columns().get(0).name());
        List<List<Object>> actual = SourceValues.comparable(back.rows());

        assertThat(summary.rows).isEqualTo(expected.size());
        assertThat(summary.splitRows.stream().mapToLong(Long::longValue).sum()).isEqualTo(expected.size());
        assertThat(actual).hasSameSizeAs(expected);
        for (int c = 0; c < described.columns().size(); c++) {
            int column = c;
            assertThat(actual.stream().map(row -> row.get(column)).toList())
                    .as("column %s", described.columns().get(c).name())
                    .isEqualTo(expected.stream().map(row -> row.get(column)).toList());
        }
        assertThat(stagingLeftovers()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void noRowsGivesOneEmptyFileThatStillCarriesTheSchema() throws Exception {
        RunSummary summary = copy(SplitMethod.RANGE, 4, "1 = 0");

        Path partition = Path.of(URI.create(summary.location));
        ParquetReadback.Table back = ParquetReadback.read(partition, "id");
        assertThat(summary.rows).isZero();
        assertThat(summary.files).isEqualTo(1);
        assertThat(back.rows()).isEmpty();
        try (Connection c = source()) {
            // DuckDB adds the partition key it finds in the path, as Hive-style readers do.
            List<String> expected = new java.util.ArrayList<>(
                    Dialects.forUrl(jdbcUrl()).describe(c, table()).columns().stream().map(col -> col.name()).toList());
            expected.add("ds");
            assertThat(back.columns()).containsExactlyElementsOf(expected);
        }
    }

    RunSummary copy(SplitMethod method, int splits, String where) {
        return copy(method, splits, where, ParquetFlavor.DEFAULT);
    }

    RunSummary copy(SplitMethod method, int splits, String where, ParquetFlavor flavor) {
        RunOptions options = RunOptions.builder()
                .parquetFlavor(flavor)
                .table(table())
                .sourceUrl(jdbcUrl())
                .sourceUser(user())
                .sourcePassword(password())
                .target(output.toUri())
                .partition(PartitionSpec.parse("ds=2024-05-01"))
                .splitMethod(method)
                .splitBy(method == SplitMethod.NONE || method == SplitMethod.AUTO ? null : "id")
                .splits(splits)
                .where(where)
                .maxConnections(3)
                .fetchSize(500)
                .jobId("fidelity")
                .build();
        return new TableCopy(options, new Configuration()).run(ProgressListener.NONE);
    }

    private List<Path> stagingLeftovers() throws Exception {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(p -> p.toString().contains("/runs/") || p.toString().contains("/retired/") || p.getFileName().toString().endsWith(".crc")).toList();
        }
    }
}
