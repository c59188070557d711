package org.runreplicator.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceTable;
import org.runreplicator.testing.ParquetReadback;
import org.runreplicator.testing.SourceValues;
import org.runreplicator.types.H2Metadata;
import org.runreplicator.types.TableSchema;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.types.ParquetFlavor;
import org.runreplicator.types.TypeMapper;

/** Every supported H2 type, with NULLs and extremes, survives JDBC -> Parquet -> DuckDB value for value. */
class ParquetFidelityTest {
    private static final String BIG_TEXT = "héllo wörld 😀 ".repeat(1 << 16);
    private static final String DDL = """
            CREATE TABLE S.ALL_TYPES (
              ID INTEGER NOT NULL,
              C_TINYINT TINYINT, C_SMALLINT SMALLINT, C_INT INTEGER, C_BIGINT BIGINT,
              C_DEC9 DECIMAL(9,2), C_DEC18 DECIMAL(18,4), C_DEC38 DECIMAL(38,5), C_DEC38_0 NUMERIC(38,0),
              C_REAL REAL, C_DOUBLE DOUBLE PRECISION, C_BOOL BOOLEAN,
              C_DATE DATE, C_TIME TIME(6), C_TS TIMESTAMP(6), C_TSTZ TIMESTAMP(6) WITH TIME ZONE, C_TIMETZ TIME WITH TIME ZONE,
              C_CHAR CHAR(6), C_VARCHAR VARCHAR(100), C_CLOB CLOB, C_BINARY BINARY(4), C_VARBINARY VARBINARY(100), C_BLOB BLOB,
              C_UUID UUID, C_JSON JSON, C_INTERVAL INTERVAL DAY TO SECOND)
            """;

    @TempDir
    Path output;

    private Connection h2;

    @BeforeEach
    void createSource() throws SQLException {
        h2 = DriverManager.getConnection("jdbc:h2:mem:fidelity;DB_CLOSE_DELAY=-1");
        try (Statement s = h2.createStatement()) {
            s.execute("CREATE SCHEMA S");
            s.execute(DDL);
            s.execute("INSERT INTO S.ALL_TYPES (ID) VALUES (1)");
            s.execute("""
                    INSERT INTO S.ALL_TYPES VALUES (2, -128, -32768, -2147483648, -9223372036854775808,
                      -9999999.99, -99999999999999.9999, -999999999999999999999999999999999.99999, -99999999999999999999999999999999999999,
                      -3.4028235E38, -1.7976931348623157E308, FALSE,
                      DATE '0001-01-01', TIME '00:00:00', TIMESTAMP '0001-01-01 00:00:00', TIMESTAMP WITH TIME ZONE '0001-01-01 00:00:00+00:00',
                      TIME WITH TIME ZONE '00:00:00+14:00',
                      'a', '', '', X'00000000', X'00', X'', '00000000-0000-0000-0000-000000000000', JSON '{}', INTERVAL '0 00:00:00' DAY TO SECOND)
                    """);
            s.execute("""
                    INSERT INTO S.ALL_TYPES VALUES (3, 127, 32767, 2147483647, 9223372036854775807,
                      9999999.99, 99999999999999.9999, 999999999999999999999999999999999.99999, 99999999999999999999999999999999999999,
                      3.4028235E38, 1.7976931348623157E308, TRUE,
                      DATE '9999-12-31', TIME '23:59:59.999999', TIMESTAMP '9999-12-31 23:59:59.999999',
                      TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00:00', TIME WITH TIME ZONE '23:59:59.999999-12:00',
                      'é😀', 'emoji 😀 and 𝄞 beyond the BMP', 'x', X'00ff00ff', X'0001000200', X'000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
                      JSON '{"a":[1,2,{"b":null}],"ü":"😀"}', INTERVAL '-99 23:59:59.999999' DAY TO SECOND)
                    """);
            // Wall-clock times that do not exist (spring forward) or exist twice (fall back) in America/Los_Angeles, and a date the Julian calendar skipped.
            s.execute("""
                    INSERT INTO S.ALL_TYPES VALUES (4, 0, 0, 0, 0,
                      0.01, -0.0001, 0.00001, 1,
                      1.5, 0.1, TRUE,
                      DATE '1582-10-10', TIME '02:30:00.000001', TIMESTAMP '2021-03-14 02:30:00.123456',
                      TIMESTAMP WITH TIME ZONE '2021-11-07 01:30:00.5-07:00', TIME WITH TIME ZONE '01:30:00-07:00',
                      'pad   ', ' lead and trail ', 'y', X'7f000080', X'', X'00', '123e4567-e89b-12d3-a456-426614174000',
                      JSON '"text"', INTERVAL '1 02:03:04.5' DAY TO SECOND)
                    """);
            s.execute("""
                    INSERT INTO S.ALL_TYPES VALUES (5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, FALSE,
                      DATE '1970-01-01', TIME '12:00:00', TIMESTAMP '1582-10-10 12:00:00', TIMESTAMP WITH TIME ZONE '1969-12-31 23:59:59.999999+00:00',
                      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
                    """);
        }
        try (PreparedStatement p = h2.prepareStatement("UPDATE S.ALL_TYPES SET C_CLOB = ?, C_BLOB = ? WHERE ID = 5")) {
            p.setString(1, BIG_TEXT);
            byte[] bytes = new byte[1 << 20];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i % 7 == 0 ? 0 : i);
            }
            p.setBytes(2, bytes);
            p.executeUpdate();
        }
    }

    @AfterEach
    void dropSource() throws SQLException {
        try (Statement s = h2.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        h2.close();
    }

    @Test
    void everyValueReadsBackExactly_whenTheJvmZoneIsNotUtc() throws Exception {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("America/Los_Angeles");
        SourceTable table = H2Metadata.describe(h2, "S", "ALL_TYPES");
        TableSchema schema = TypeMapper.map(table, new H2Dialect(), Map.of(), false, ParquetFlavor.MODERN);

        writeAll(schema);

        ParquetReadback.Table back = ParquetReadback.read(output, "ID");
        assertThat(back.columns()).containsExactlyElementsOf(table.columns().stream().map(SourceColumn::name).toList());
        List<List<Object>> expected = comparable(sourceRows(table));
        List<List<Object>> actual = comparable(back.rows());
        assertThat(actual).hasSameSizeAs(expected);
        for (int c = 0; c < back.columns().size(); c++) {
            int column = c;
            assertThat(actual.stream().map(row -> row.get(column)).toList()).as(back.columns().get(c))
                    .isEqualTo(expected.stream().map(row -> row.get(column)).toList());
        }
        assertThat(back.types()).containsExactly("INTEGER", "TINYINT", "SMALLINT", "INTEGER", "BIGINT",
                "DECIMAL(9,2)", "DECIMAL(18,4)", "DECIMAL(38,5)", "DECIMAL(38,0)", "FLOAT", "DOUBLE", "BOOLEAN",
                "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "VARCHAR",
                "VARCHAR", "VARCHAR", "VARCHAR", "BLOB", "BLOB", "BLOB", "VARCHAR", "VARCHAR", "VARCHAR");
    }

    @Test
    void timestampsKeepTheirWallClockText_whenReadByDuckDbItself() throws Exception {
        writeAll(TypeMapper.map(H2Metadata.describe(h2, "S", "ALL_TYPES"), new H2Dialect(), Map.of(), false, ParquetFlavor.MODERN));

        ParquetReadback.Table text = ParquetReadback.query(output,
                "ID, CAST(C_TS AS VARCHAR) AS TS, epoch_us(C_TSTZ) AS TSTZ_MICROS, CAST(C_DATE AS VARCHAR) AS D, CAST(C_TIME AS VARCHAR) AS T", "ID");

        assertThat(text.column("TS")).containsExactly(null, "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999",
                "2021-03-14 02:30:00.123456", "1582-10-10 12:00:00");
        assertThat(text.column("TSTZ_MICROS")).containsExactly(null, -62135596800000000L, 253402300799999999L, 1636273800500000L, -1L);
        assertThat(text.column("D")).containsExactly(null, "0001-01-01", "9999-12-31", "1582-10-10", "1970-01-01");
        assertThat(text.column("T")).containsExactly(null, "00:00:00", "23:59:59.999999", "02:30:00.000001", "12:00:00");
    }

    @Test
    void hive3Flavour_fixedLengthDecimalsAndInt96Timestamps_holdTheSameValuesAsTheModernOne() throws Exception {
        SourceTable table = H2Metadata.describe(h2, "S", "ALL_TYPES");
        Path modern = output.resolve("modern");
        Path hive3 = output.resolve("hive3");
        writeAll(TypeMapper.map(table, new H2Dialect(), Map.of(), false, ParquetFlavor.MODERN), modern);
        writeAll(TypeMapper.map(table, new H2Dialect(), Map.of(), false, ParquetFlavor.HIVE3), hive3);

        // INT96 carries no zone: DuckDB reads it as a plain TIMESTAMP holding the UTC wall clock.
        String select = "* EXCLUDE (C_TSTZ), epoch_us(C_TSTZ) AS TSTZ_MICROS";
        assertThat(comparable(ParquetReadback.query(hive3, select, "ID").rows()))
                .isEqualTo(comparable(ParquetReadback.query(modern, select, "ID").rows()));
        ParquetReadback.Table types = ParquetReadback.read(hive3, "ID");
        assertThat(types.type("C_DEC9")).isEqualTo("DECIMAL(9,2)");
        assertThat(types.type("C_TS")).isEqualTo("TIMESTAMP");
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(ParquetReadback.dataFiles(hive3).get(0).toUri());
        assertThat(ParquetReadback.footerMetadata(ParquetReadback.dataFiles(hive3).get(0))).containsEntry("writer.time.zone", "UTC");
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(file, new Configuration())).getFooter().getFileMetaData().getSchema();
        assertThat(schema.getType("C_DEC9").asPrimitiveType().getPrimitiveTypeName()).hasToString("FIXED_LEN_BYTE_ARRAY");
        assertThat(schema.getType("C_DEC18").asPrimitiveType().getPrimitiveTypeName()).hasToString("FIXED_LEN_BYTE_ARRAY");
        assertThat(schema.getType("C_TS").asPrimitiveType().getPrimitiveTypeName()).hasToString("INT96");
        assertThat(schema.getType("C_TSTZ").asPrimitiveType().getPrimitiveTypeName()).hasToString("INT96");
    }

    @Test
    void charKeepsItsPadding_unlessTrimmingIsAsked() throws Exception {
        writeAll(TypeMapper.map(H2Metadata.describe(h2, "S", "ALL_TYPES"), new H2Dialect(), Map.of(), true, ParquetFlavor.MODERN));

        ParquetReadback.Table back = ParquetReadback.read(output, "ID");

        assertThat(back.column("C_CHAR")).containsExactly(null, "a", "é😀", "pad", null);
        assertThat(back.column("C_VARCHAR")).containsExactly(null, "", "emoji 😀 and 𝄞 beyond the BMP", " lead and trail ", null);
    }

    private void writeAll(TableSchema schema) throws SQLException {
        writeAll(schema, output);
    }

    private void writeAll(TableSchema schema, Path directory) throws SQLException {
        Configuration conf = new Configuration();
        try (Statement s = h2.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM S.ALL_TYPES");
                SplitFileWriter writer = new SplitFileWriter(conf, new org.apache.hadoop.fs.Path(directory.toUri()), "s00000",
                        schema, WriterSettings.defaults(), Map.of())) {
            while (rs.next()) {
                writer.write(rs);
            }
            assertThat(writer.finish()).hasSize(1);
        }
    }

    private List<List<Object>> sourceRows(SourceTable table) throws SQLException {
        return SourceValues.rows(h2, "SELECT * FROM S.ALL_TYPES ORDER BY ID", table);
    }

    private static List<List<Object>> comparable(List<List<Object>> rows) {
        return SourceValues.comparable(rows);
    }
}
