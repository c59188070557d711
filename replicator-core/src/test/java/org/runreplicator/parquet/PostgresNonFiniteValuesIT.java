package org.runreplicator.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.PostgresDialect;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.PostgresServer;
import org.runreplicator.types.ParquetFlavor;
import org.runreplicator.types.TableSchema;
import org.runreplicator.types.TypeMapper;

/**
 * PostgreSQL values no Parquet type holds ({@code 'infinity'} dates and timestamps, {@code 'NaN'}
 * and infinite numerics), read from a real server: the copy stops with one message naming the
 * table, the column, the value and the override, and the override copies them as text.
 */
@ExtendWith(PostgresServer.Extension.class)
class PostgresNonFiniteValuesIT {
    private static Connection pg;

    @TempDir
    Path output;

    @BeforeAll
    static void createTables(PostgresServer server) throws SQLException {
        pg = server.connect(server.createDatabase("non_finite"));
        try (Statement s = pg.createStatement()) {
            s.execute("CREATE SCHEMA s");
            for (String type : new String[] {"timestamp", "timestamptz", "date", "numeric(12,2)", "numeric(30,4)", "numeric(5,0)"}) {
                String table = "t_" + type.replaceAll("[^a-z0-9]", "");
                s.execute("CREATE TABLE s." + table + " (id int, v " + type + ")");
            }
            s.execute("CREATE TABLE s.t_numeric (id int, v numeric)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        pg.close();
    }

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            t_timestamp    | infinity  | HIVE3  | INT96 timestamp
            t_timestamp    | -infinity | HIVE3  | INT96 timestamp
            t_timestamp    | infinity  | MODERN | TIMESTAMP
            t_timestamp    | -infinity | MODERN | TIMESTAMP
            t_timestamptz  | infinity  | HIVE3  | INT96 timestamp
            t_timestamptz  | -infinity | MODERN | TIMESTAMP
            t_date         | infinity  | HIVE3  | DATE
            t_date         | -infinity | MODERN | DATE
            """)
    void infiniteDatesAndTimestampsStopTheCopy_namingColumnValueAndOverride(String table, String value, ParquetFlavor flavor,
            String parquetType) throws SQLException {
        rows(table, "'" + value + "'");

        assertThatThrownBy(() -> write(table, Map.of(), flavor))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                .hasMessage("Cannot copy table s." + table + ": column v has value " + value + ", which no Parquet " + parquetType
                        + " can hold; map it with --map-column v=STRING to copy the source's text");
        assertThat(ParquetReadback.dataFiles(output)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            t_numeric122 | NaN       | ''             | DECIMAL(12,2)
            t_numeric304 | NaN       | ''             | DECIMAL(30,4)
            t_numeric    | Infinity  | DECIMAL(30,4)  | DECIMAL(30,4)
            t_numeric50  | NaN       | BIGINT         | BIGINT
            t_numeric    | -Infinity | DECIMAL(38,6)  | DECIMAL(38,6)
            t_numeric    | NaN       | DECIMAL(9,2)   | DECIMAL(9,2)
            """)
    void nanAndInfiniteNumericsStopTheCopy_namingColumnValueAndOverride(String table, String value, String override, String parquetType)
            throws SQLException {
        rows(table, "'" + value + "'");

        assertThatThrownBy(() -> write(table, override.isEmpty() ? Map.of() : Map.of("v", override), ParquetFlavor.HIVE3))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                .hasMessage("Cannot copy table s." + table + ": column v has value " + value + ", which no Parquet " + parquetType
                        + " can hold; map it with --map-column v=STRING to copy the source's text, or --map-column v=DOUBLE,"
                        + " which keeps NaN and infinities but not every digit");
        assertThat(ParquetReadback.dataFiles(output)).isEmpty();
    }

    @Test
    void stringOverrideCopiesTheSourcesText() throws SQLException {
        rows("t_timestamp", "'infinity'", "'2024-05-01 02:00:00'");
        rows("t_numeric122", "'NaN'", "12.50");

        write("t_timestamp", Map.of("v", "STRING"), ParquetFlavor.HIVE3);
        write("t_numeric122", Map.of("v", "STRING"), ParquetFlavor.HIVE3, output.resolve("n"));

        assertThat(ParquetReadback.read(output.resolve("t"), "id").column("v")).containsExactly("infinity", "2024-05-01 02:00:00");
        assertThat(ParquetReadback.read(output.resolve("n"), "id").column("v")).containsExactly("NaN", "12.50");
    }

    @Test
    void doubleOverrideKeepsNan() throws SQLException {
        rows("t_numeric", "'NaN'", "'-Infinity'");

        write("t_numeric", Map.of("v", "DOUBLE"), ParquetFlavor.HIVE3);

        assertThat(ParquetReadback.read(output.resolve("t"), "id").column("v")).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY);
    }

    /** Replaces the table's rows with {@code values} (SQL literals), ids 1, 2, ... */
    private static void rows(String table, String... values) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute("TRUNCATE s." + table);
            for (int i = 0; i < values.length; i++) {
                s.execute("INSERT INTO s." + table + " VALUES (" + (i + 1) + ", " + values[i] + ")");
            }
        }
    }

    private void write(String table, Map<String, String> overrides, ParquetFlavor flavor) throws SQLException {
        write(table, overrides, flavor, output.resolve("t"));
    }

    private void write(String table, Map<String, String> overrides, ParquetFlavor flavor, Path directory) throws SQLException {
        PostgresDialect dialect = new PostgresDialect();
        TableSchema schema = TypeMapper.map(dialect.describe(pg, new TableRef("s", table)), dialect, overrides, false, flavor);
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM s." + table + " ORDER BY id");
                SplitFileWriter writer = new SplitFileWriter(new Configuration(), new org.apache.hadoop.fs.Path(directory.toUri()), "part",
                        schema, WriterSettings.defaults(), Map.of())) {
            while (rs.next()) {
                writer.write(rs);
            }
            writer.finish();
        }
    }
}
