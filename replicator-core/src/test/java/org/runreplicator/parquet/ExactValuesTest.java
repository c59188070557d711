package org.runreplicator.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.ReplicatorException;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.types.H2Metadata;
import org.runreplicator.types.TableSchema;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.types.ParquetFlavor;
import org.runreplicator.types.TypeMapper;

/** Values are stored exactly or the run stops: nothing is rounded, truncated or shifted on the way. */
class ExactValuesTest {
    @TempDir
    Path output;

    private Connection h2;

    @BeforeEach
    void open() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:exact;DB_CLOSE_DELAY=-1");
        execute("CREATE SCHEMA S");
    }

    @AfterEach
    void close() throws SQLException {
        execute("DROP ALL OBJECTS");
        h2.close();
    }

    @Test
    void wideDecimalsReadBackExactly_acrossManyRepeatedAndDistinctValues() throws Exception {
        execute("CREATE TABLE S.T (ID INT, V DECIMAL(38,10))");
        execute("INSERT INTO S.T SELECT X, CASE WHEN MOD(X, 3) = 0 THEN 1.5 ELSE (X - 2500) * 1234567890123.0123456789 END FROM SYSTEM_RANGE(1, 5000)");

        write(Map.of());

        List<Object> values = ParquetReadback.read(output, "ID").column("V");
        assertThat(values).hasSize(5000);
        for (int id = 1; id <= 5000; id++) {
            BigDecimal expected = id % 3 == 0 ? new BigDecimal("1.5000000000")
                    : BigDecimal.valueOf(id - 2500).multiply(new BigDecimal("1234567890123.0123456789"));
            assertThat(values.get(id - 1)).as("ID %d", id).isEqualTo(expected);
        }
    }

    @Test
    void unboundedDecimalMappedToDecimal_padsShortScalesAndStopsAtOnesThatNeedRounding() throws Exception {
        // H2's NUMERIC without precision has scale 0 and rounds on insert; DECFLOAT keeps each value as given, like Teradata's NUMBER.
        execute("CREATE TABLE S.T (ID INT, PRICE DECFLOAT)");
        execute("INSERT INTO S.T VALUES (1, 1.5), (2, -7), (3, 1.234)");

        assertThatThrownBy(() -> write(Map.of("price", "DECIMAL(38,2)")))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageStartingWith("Cannot copy table S.T: column PRICE has value 1.234 that has more than 2 digits after the point");
        assertThat(ParquetReadback.dataFiles(output)).isEmpty();

        execute("DELETE FROM S.T WHERE ID = 3");
        write(Map.of("price", "DECIMAL(38,2)"));
        assertThat(ParquetReadback.read(output, "ID").column("PRICE")).containsExactly(new BigDecimal("1.50"), new BigDecimal("-7.00"));
    }

    @Test
    void nanDecfloatMappedToDecimal_stopsTheCopyNamingTheValueAndTheOverrides() {
        execute("CREATE TABLE S.T (ID INT, PRICE DECFLOAT)");
        execute("INSERT INTO S.T VALUES (1, 2.5), (2, CAST('NaN' AS DECFLOAT))");

        assertThatThrownBy(() -> write(Map.of("price", "DECIMAL(38,2)")))
                .isInstanceOf(ReplicatorException.class)
                .hasMessage("Cannot copy table S.T: column PRICE has value NaN, which no Parquet DECIMAL(38,2) can hold; map it with"
                        + " --map-column PRICE=STRING to copy the source's text, or --map-column PRICE=DOUBLE, which keeps NaN and"
                        + " infinities but not every digit");
        assertThat(ParquetReadback.dataFiles(output)).isEmpty();
    }

    @Test
    void decimalOverrideStopsAtValuesWithTooManyIntegerDigits() {
        execute("CREATE TABLE S.T (ID INT, PRICE DECFLOAT)");
        execute("INSERT INTO S.T VALUES (1, 123456.7)");

        assertThatThrownBy(() -> write(Map.of("PRICE", "DECIMAL(6,1)")))
                .hasMessageStartingWith("Cannot copy table S.T: column PRICE has value 123456.7 that has more than 5 digits before the point");
    }

    @Test
    void bigintOverrideAcceptsWholeDecimals_andRefusesFractions() throws Exception {
        execute("CREATE TABLE S.T (ID INT, QTY DECIMAL(22,2))");
        execute("INSERT INTO S.T VALUES (1, 3.00), (2, -9223372036854775808)");
        write(Map.of("QTY", "BIGINT"));
        assertThat(ParquetReadback.read(output, "ID").column("QTY")).containsExactly(3L, Long.MIN_VALUE);

        execute("CREATE TABLE S.U (ID INT, QTY DECIMAL(22,2))");
        execute("INSERT INTO S.U VALUES (1, 3.50)");
        assertThatThrownBy(() -> write("U", Map.of("QTY", "BIGINT"), output.resolve("u")))
                .hasMessage("Cannot copy table S.U: column QTY has value 3.50 that is not a whole number within BIGINT");
    }

    @Test
    void nanosecondTimestampsAreCopiedWhenTheyFitMicros_andRefusedOtherwise() throws Exception {
        execute("CREATE TABLE S.T (ID INT, TS TIMESTAMP(9))");
        execute("INSERT INTO S.T VALUES (1, TIMESTAMP '2024-03-10 02:15:00.123456000')");
        write(Map.of());
        assertThat(ParquetReadback.read(output, "ID").column("TS")).containsExactly(LocalDateTime.parse("2024-03-10T02:15:00.123456"));

        execute("CREATE TABLE S.U (ID INT, TS TIMESTAMP(9))");
        execute("INSERT INTO S.U VALUES (1, TIMESTAMP '2024-03-10 02:15:00.123456789')");
        assertThatThrownBy(() -> write("U", Map.of(), output.resolve("u")))
                .hasMessage("Cannot copy table S.U: column TS has value 2024-03-10T02:15:00.123456789 that has digits below a microsecond,"
                        + " which Parquet TIMESTAMP(MICROS) cannot keep; map it with --map-column TS=STRING");
    }

    private void write(Map<String, String> overrides) throws SQLException {
        write("T", overrides, output);
    }

    private void write(String table, Map<String, String> overrides, Path directory) throws SQLException {
        TableSchema schema = TypeMapper.map(H2Metadata.describe(h2, "S", table), new H2Dialect(), overrides, false, ParquetFlavor.MODERN);
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM S." + table);
                SplitFileWriter writer = new SplitFileWriter(new Configuration(), new org.apache.hadoop.fs.Path(directory.toUri()), "part",
                        schema, WriterSettings.defaults(), Map.of())) {
            while (rs.next()) {
                writer.write(rs);
            }
            writer.finish();
        }
    }

    private void execute(String sql) {
        try (Statement s = h2.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
