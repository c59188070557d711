package org.runreplicator.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.source.H2Dialect;
import org.runreplicator.source.PostgresDialect;
import org.runreplicator.source.SourceColumn;
import org.runreplicator.source.SourceDialect;
import org.runreplicator.source.SourceTable;
import org.runreplicator.source.TableRef;
import org.runreplicator.source.TeradataDialect;

class TypeMapperTest {
    private static final String STRING = "BINARY STRING";

    @ParameterizedTest(name = "{0}: {1} {2}({3},{4}) -> {5} / {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # Teradata
            teradata   | BYTEINT                          | -6   | 3  | 0 | INT32 INTEGER(8,true)                        | TINYINT
            teradata   | SMALLINT                         | 5    | 5  | 0 | INT32 INTEGER(16,true)                       | SMALLINT
            teradata   | INTEGER                          | 4    | 10 | 0 | INT32                                        | INT
            teradata   | BIGINT                           | -5   | 19 | 0 | INT64                                        | BIGINT
            teradata   | DECIMAL                          | 3    | 9  | 2 | INT32 DECIMAL(9,2)                           | DECIMAL(9,2)
            teradata   | NUMBER                           | 2    | 18 | 4 | INT64 DECIMAL(18,4)                          | DECIMAL(18,4)
            teradata   | FLOAT                            | 6    | 15 | 0 | DOUBLE                                       | DOUBLE
            teradata   | DATE                             | 91   | 10 | 0 | INT32 DATE                                   | DATE
            teradata   | TIME                             | 92   | 15 | 6 | INT64 TIME(MICROS,false)                     | BIGINT
            teradata   | TIME WITH TIME ZONE              | 2013 | 21 | 6 | BINARY STRING                                | STRING
            teradata   | TIMESTAMP                        | 93   | 26 | 6 | INT64 TIMESTAMP(MICROS,false)                | TIMESTAMP
            teradata   | TIMESTAMP WITH TIME ZONE         | 2014 | 32 | 6 | INT64 TIMESTAMP(MICROS,true)                 | TIMESTAMP
            teradata   | CHAR                             | 1    | 10 | 0 | BINARY STRING                                | STRING
            teradata   | VARCHAR                          | 12   | 50 | 0 | BINARY STRING                                | STRING
            teradata   | CLOB                             | 2005 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | BYTE                             | -2   | 4  | 0 | BINARY                                       | BINARY
            teradata   | VARBYTE                          | -3   | 64 | 0 | BINARY                                       | BINARY
            teradata   | BLOB                             | 2004 | 0  | 0 | BINARY                                       | BINARY
            teradata   | PERIOD(DATE)                     | 2002 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | PERIOD(TIME)                     | 2002 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | PERIOD(TIME WITH TIME ZONE)      | 2002 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | PERIOD(TIMESTAMP)                | 2002 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | PERIOD(TIMESTAMP WITH TIME ZONE) | 2002 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL YEAR                    | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL YEAR TO MONTH           | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL MONTH                   | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL DAY                     | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL DAY TO HOUR             | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL DAY TO MINUTE           | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL DAY TO SECOND           | 1111 | 2  | 6 | BINARY STRING                                | STRING
            teradata   | INTERVAL HOUR                    | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL HOUR TO MINUTE          | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL HOUR TO SECOND          | 1111 | 2  | 6 | BINARY STRING                                | STRING
            teradata   | INTERVAL MINUTE                  | 1111 | 2  | 0 | BINARY STRING                                | STRING
            teradata   | INTERVAL MINUTE TO SECOND        | 1111 | 2  | 6 | BINARY STRING                                | STRING
            teradata   | INTERVAL SECOND                  | 1111 | 2  | 6 | BINARY STRING                                | STRING
            teradata   | JSON                             | 1111 | 0  | 0 | BINARY STRING                                | STRING
            teradata   | XML                              | 2009 | 0  | 0 | BINARY STRING                                | STRING
            # PostgreSQL
            postgresql | INT2                             | 5    | 5  | 0 | INT32 INTEGER(16,true)                       | SMALLINT
            postgresql | INT4                             | 4    | 10 | 0 | INT32                                        | INT
            postgresql | SERIAL                           | 4    | 10 | 0 | INT32                                        | INT
            postgresql | INT8                             | -5   | 19 | 0 | INT64                                        | BIGINT
            postgresql | BIGSERIAL                        | -5   | 19 | 0 | INT64                                        | BIGINT
            postgresql | NUMERIC                          | 2    | 38 | 6 | FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,6)       | DECIMAL(38,6)
            postgresql | FLOAT4                           | 7    | 8  | 8 | FLOAT                                        | FLOAT
            postgresql | FLOAT8                           | 8    | 17 | 17| DOUBLE                                       | DOUBLE
            postgresql | BOOL                             | -7   | 1  | 0 | BOOLEAN                                      | BOOLEAN
            postgresql | TIMETZ                           | 92   | 21 | 6 | BINARY STRING                                | STRING
            postgresql | TIMESTAMPTZ                      | 93   | 35 | 6 | INT64 TIMESTAMP(MICROS,true)                 | TIMESTAMP
            postgresql | BPCHAR                           | 1    | 10 | 0 | BINARY STRING                                | STRING
            postgresql | TEXT                             | 12   | 2147483647 | 0 | BINARY STRING                        | STRING
            postgresql | BYTEA                            | -2   | 2147483647 | 0 | BINARY                               | BINARY
            postgresql | UUID                             | 1111 | 2147483647 | 0 | BINARY STRING                        | STRING
            postgresql | JSONB                            | 1111 | 2147483647 | 0 | BINARY STRING                        | STRING
            postgresql | INTERVAL                         | 1111 | 49 | 6 | BINARY STRING                                | STRING
            # H2 2.x
            h2         | TINYINT                          | -6   | 8  | 0 | INT32 INTEGER(8,true)                        | TINYINT
            h2         | REAL                             | 7    | 24 | 0 | FLOAT                                        | FLOAT
            h2         | DOUBLE PRECISION                 | 8    | 53 | 0 | DOUBLE                                       | DOUBLE
            h2         | BOOLEAN                          | 16   | 1  | 0 | BOOLEAN                                      | BOOLEAN
            h2         | CHARACTER                        | 1    | 5  | 0 | BINARY STRING                                | STRING
            h2         | CHARACTER VARYING                | 12   | 20 | 0 | BINARY STRING                                | STRING
            h2         | CHARACTER LARGE OBJECT           | 2005 | 2147483647 | 0 | BINARY STRING                        | STRING
            h2         | BINARY                           | -2   | 4  | 0 | BINARY                                       | BINARY
            h2         | BINARY VARYING                   | -3   | 10 | 0 | BINARY                                       | BINARY
            h2         | BINARY LARGE OBJECT              | 2004 | 2147483647 | 0 | BINARY                               | BINARY
            # Unknown names fall back to the JDBC type code
            postgresql | CITEXT_DOMAIN                    | 12   | 0  | 0 | BINARY STRING                                | STRING
            postgresql | MY_INT_DOMAIN                    | 4    | 10 | 0 | INT32                                        | INT
            """)
    void mapsEachDialectsTypeNames_toTheirParquetAndHiveTypes(String dialect, String typeName, int jdbcType, int precision, int scale,
            String parquet, String hive) {
        ColumnMapping mapping = TypeMapper.map(table(column("C", jdbcType, typeName, precision, scale)), dialect(dialect), Map.of(), false,
                ParquetFlavor.MODERN).columns().get(0);

        assertThat(mapping.parquetTypeName()).isEqualTo(parquet);
        assertThat(mapping.hiveType()).isEqualTo(hive);
        assertThat(mapping.parquetType().getRepetition()).hasToString("OPTIONAL");
    }

    @ParameterizedTest(name = "DECIMAL({0},{1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1  | 0  | INT32 DECIMAL(1,0)
            9  | 9  | INT32 DECIMAL(9,9)
            10 | 0  | INT64 DECIMAL(10,0)
            18 | 2  | INT64 DECIMAL(18,2)
            19 | 0  | FIXED_LEN_BYTE_ARRAY(9) DECIMAL(19,0)
            20 | 5  | FIXED_LEN_BYTE_ARRAY(9) DECIMAL(20,5)
            21 | 0  | FIXED_LEN_BYTE_ARRAY(9) DECIMAL(21,0)
            22 | 0  | FIXED_LEN_BYTE_ARRAY(10) DECIMAL(22,0)
            38 | 10 | FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,10)
            """)
    void storesDecimalsInTheSmallestPhysicalTypeThatHoldsThem(int precision, int scale, String parquet) {
        assertThat(single(column("AMOUNT", Types.DECIMAL, "DECIMAL", precision, scale), Map.of(), false).parquetTypeName()).isEqualTo(parquet);
    }

    @Test
    void fixedLengthDecimalBytesAreTheFewestThatHoldEveryValue() {
        for (int precision = 1; precision <= 38; precision++) {
            int bytes = StandardColumnMappings.decimalBytes(precision);
            java.math.BigInteger largest = java.math.BigInteger.TEN.pow(precision).subtract(java.math.BigInteger.ONE);
            assertThat(largest.bitLength() + 1).as("precision %d", precision).isLessThanOrEqualTo(bytes * 8).isGreaterThan((bytes - 1) * 8);
        }
    }

    @Test
    void refusesAnArray_namingTheColumnAndTheOverrideThatWouldCopyIt() {
        SourceTable table = table(column("TAGS", Types.ARRAY, "ARRAY", 0, 0));

        assertThatThrownBy(() -> map(table, Map.of(), false))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                .hasMessage("Cannot read table db.t: column TAGS has unsupported type ARRAY; map it with --map-column TAGS=STRING");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            _INT4                | 2003
            INTEGER ARRAY        | 2003
            ROW("A" INTEGER)     | 1111
            ENUM('a', 'b')       | 1111
            GEOMETRY             | 1111
            BIT                  | -7
            MONEY                | 8
            ST_GEOMETRY          | 2002
            """)
    void refusesTypesItCannotCopyExactly(String typeName, int jdbcType) {
        SourceTable table = table(column("X", jdbcType, typeName, 0, 0));

        assertThatThrownBy(() -> map(table, Map.of(), false))
                .isInstanceOf(ReplicatorException.class)
                .hasMessage("Cannot read table db.t: column X has unsupported type " + typeName + "; map it with --map-column X=STRING");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            teradata   | NUMBER   | 2 | 0      | 0
            postgresql | NUMERIC  | 2 | 131089 | 0
            postgresql | NUMERIC  | 2 | 0      | 0
            h2         | DECFLOAT | 2 | 100000 | 0
            """)
    void refusesDecimalsWithoutAPrecision_suggestingADecimalOrStringOverride(String dialect, String typeName, int jdbcType, int precision,
            int scale) {
        SourceTable table = table(column("PRICE", jdbcType, typeName, precision, scale));

        assertThatThrownBy(() -> TypeMapper.map(table, dialect(dialect), Map.of(), false, ParquetFlavor.MODERN))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                .hasMessage("Cannot read table db.t: column PRICE has type " + typeName + " without a fixed precision and scale; map it with"
                        + " --map-column PRICE=DECIMAL(38,s) choosing the scale s its values need, or --map-column PRICE=STRING");
    }

    @Test
    void refusesDecimalsWiderThan38Digits() {
        SourceTable table = table(column("BIG", Types.NUMERIC, "NUMERIC", 40, 2));

        assertThatThrownBy(() -> map(table, Map.of(), false))
                .hasMessage("Cannot read table db.t: column BIG has type NUMERIC(40,2), wider than Parquet's 38 digits; map it with"
                        + " --map-column BIG=DECIMAL(38,2) if its values fit, or --map-column BIG=STRING");
    }

    @Test
    void refusesDecimalsWithANegativeScale() {
        SourceTable table = table(column("ROUNDED", Types.NUMERIC, "NUMERIC", 10, -2));

        assertThatThrownBy(() -> map(table, Map.of(), false))
                .hasMessageStartingWith("Cannot read table db.t: column ROUNDED has type NUMERIC(10,-2) whose scale is outside 0 to its precision");
    }

    @Test
    void refusesEveryUncopyableColumnInOneFailure_eachWithItsTypeAndOverride() {
        SourceTable table = table(column("ID", Types.INTEGER, "INTEGER", 10, 0), column("PRICE", Types.DOUBLE, "MONEY", 0, 0),
                column("FLAGS", Types.BIT, "BIT", 8, 0), column("ADDR", Types.OTHER, "INET", 0, 0),
                column("BIG", Types.NUMERIC, "NUMERIC", 40, 2));

        assertThatThrownBy(() -> map(table, Map.of(), false))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.SOURCE))
                .hasMessage("Cannot read table db.t: 4 columns cannot be copied as they are:"
                        + " column PRICE has unsupported type MONEY (map it with --map-column PRICE=STRING);"
                        + " column FLAGS has unsupported type BIT (map it with --map-column FLAGS=STRING);"
                        + " column ADDR has unsupported type INET (map it with --map-column ADDR=STRING);"
                        + " column BIG has type NUMERIC(40,2), wider than Parquet's 38 digits"
                        + " (map it with --map-column BIG=DECIMAL(38,2) if its values fit, or --map-column BIG=STRING)");
    }

    @Test
    void mapsTheTable_whenEveryRefusedColumnIsOverridden() {
        SourceTable table = table(column("PRICE", Types.DOUBLE, "MONEY", 0, 0), column("ADDR", Types.OTHER, "INET", 0, 0));

        TableSchema schema = map(table, Map.of("price", "STRING", "ADDR", "string"), false);

        assertThat(schema.columns()).extracting(ColumnMapping::hiveType).containsExactly("STRING", "STRING");
    }

    @ParameterizedTest(name = "{0} as {1} -> {2} / {3}")
    @CsvSource(delimiter = '|', textBlock = """
            NUMBER  | 2    | 0  | 0 | decimal(38,4)   | FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,4) | DECIMAL(38,4)
            NUMBER  | 2    | 0  | 0 | DECIMAL( 12 )   | INT64 DECIMAL(12,0)                    | DECIMAL(12,0)
            NUMBER  | 2    | 0  | 0 | string          | BINARY STRING                          | STRING
            NUMBER  | 2    | 0  | 0 | BIGINT          | INT64                                  | BIGINT
            NUMBER  | 2    | 0  | 0 | Double          | DOUBLE                                 | DOUBLE
            INTEGER | 4    | 10 | 0 | BIGINT          | INT64                                  | BIGINT
            _INT4   | 2003 | 0  | 0 | STRING          | BINARY STRING                          | STRING
            PERIOD(DATE) | 2002 | 0 | 0 | STRING      | BINARY STRING                          | STRING
            """)
    void appliesOverrides_matchingTheColumnNameInAnyCase(String typeName, int jdbcType, int precision, int scale, String override,
            String parquet, String hive) {
        ColumnMapping mapping = single(column("Amount", jdbcType, typeName, precision, scale), Map.of("AMOUNT", override), false);

        assertThat(mapping.parquetTypeName()).isEqualTo(parquet);
        assertThat(mapping.hiveType()).isEqualTo(hive);
        assertThat(mapping.sourceType()).contains("--map-column");
    }

    @Test
    void refusesAnOverrideForAColumnThatDoesNotExist() {
        SourceTable table = table(column("A", Types.INTEGER, "INTEGER", 10, 0));

        assertThatThrownBy(() -> map(table, Map.of("B", "STRING"), false))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
                .hasMessage("Cannot apply --map-column B=STRING: table db.t has no column B");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            VARCHAR(10)     | expected STRING, BIGINT, DOUBLE or DECIMAL(p,s)
            DECIMAL(39,2)   | DECIMAL precision must be 1 to 38 and scale 0 to the precision
            DECIMAL(5,6)    | DECIMAL precision must be 1 to 38 and scale 0 to the precision
            DECIMAL(0)      | DECIMAL precision must be 1 to 38 and scale 0 to the precision
            ''              | expected STRING, BIGINT, DOUBLE or DECIMAL(p,s)
            """)
    void refusesAnOverrideToATypeItDoesNotKnow(String override, String why) {
        SourceTable table = table(column("A", Types.INTEGER, "INTEGER", 10, 0));

        assertThatThrownBy(() -> map(table, Map.of("a", override), false))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
                .hasMessage("Invalid --map-column a=" + override + ": " + why);
    }

    @Test
    void refusesANumericOverrideForANonNumericColumn() {
        SourceTable table = table(column("D", Types.DATE, "DATE", 10, 0));

        assertThatThrownBy(() -> map(table, Map.of("D", "BIGINT"), false))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
                .hasMessage("Cannot apply --map-column D=BIGINT to table db.t: column D has type DATE, and only numeric columns map to"
                        + " BIGINT, DOUBLE or DECIMAL; use D=STRING");
    }

    @Test
    void refusesColumnsWhoseNamesDifferOnlyInCase() {
        SourceTable table = table(column("a", Types.INTEGER, "INTEGER", 10, 0), column("A", Types.INTEGER, "INTEGER", 10, 0));

        assertThatThrownBy(() -> map(table, Map.of(), false))
                .hasMessage("Cannot read table db.t: columns a and A differ only in case, which Hive cannot tell apart");
    }

    @Test
    void trimsCharOnlyWhenAsked_andNeverVarchar() {
        SourceTable table = table(column("C", Types.CHAR, "CHAR", 5, 0), column("V", Types.VARCHAR, "VARCHAR", 5, 0));

        assertThat(map(table, Map.of(), true).columns()).extracting(ColumnMapping::sourceType).containsExactly("CHAR (trimmed)", "VARCHAR");
        assertThat(map(table, Map.of(), false).columns()).extracting(ColumnMapping::sourceType).containsExactly("CHAR", "VARCHAR");
    }

    @Test
    void buildsTheParquetSchemaInColumnOrder() {
        SourceTable table = table(column("ID", Types.BIGINT, "BIGINT", 19, 0), column("NAME", Types.VARCHAR, "VARCHAR", 20, 0),
                column("AMOUNT", Types.DECIMAL, "DECIMAL", 12, 2));

        TableSchema schema = map(table, Map.of(), false);

        assertThat(schema.table()).isEqualTo("db.t");
        assertThat(schema.messageType().toString()).isEqualToIgnoringWhitespace("""
                message row {
                  optional int64 ID;
                  optional binary NAME (STRING);
                  optional int64 AMOUNT (DECIMAL(12,2));
                }
                """);
        assertThat(schema.columns()).extracting(ColumnMapping::hiveType).containsExactly("BIGINT", "STRING", "DECIMAL(12,2)");
    }

    @Test
    void mapsEveryTypeH2ReportsForItsSupportedColumns() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:typemapper"); Statement s = h2.createStatement()) {
            s.execute("CREATE SCHEMA S");
            s.execute("CREATE TABLE S.T (A TINYINT, B DECIMAL(20,3), C TIMESTAMP(3) WITH TIME ZONE, D CHARACTER VARYING(5), E UUID, F INTERVAL YEAR)");

            TableSchema schema = TypeMapper.map(H2Metadata.describe(h2, "S", "T"), new H2Dialect(), Map.of(), false, ParquetFlavor.MODERN);

            assertThat(schema.columns()).extracting(ColumnMapping::parquetTypeName).containsExactly("INT32 INTEGER(8,true)",
                    "FIXED_LEN_BYTE_ARRAY(9) DECIMAL(20,3)", "INT64 TIMESTAMP(MICROS,true)", STRING, STRING, STRING);
        }
    }

    private static ColumnMapping single(SourceColumn column, Map<String, String> overrides, boolean trimChar) {
        return map(table(column), overrides, trimChar).columns().get(0);
    }

    /** Through the Teradata dialect (the names these cases use) in the modern flavour, whose encodings they check. */
    private static TableSchema map(SourceTable table, Map<String, String> overrides, boolean trimChar) {
        return TypeMapper.map(table, new TeradataDialect(), overrides, trimChar, ParquetFlavor.MODERN);
    }

    private static SourceDialect dialect(String name) {
        switch (name) {
            case "teradata":
                return new TeradataDialect();
            case "postgresql":
                return new PostgresDialect();
            default:
                return new H2Dialect();
        }
    }

    private static SourceTable table(SourceColumn... columns) {
        return new SourceTable(new TableRef("db", "t"), List.of(columns), List.of(), false);
    }

    private static SourceColumn column(String name, int jdbcType, String typeName, int precision, int scale) {
        return new SourceColumn(name, 1, jdbcType, typeName, precision, scale, true);
    }
}
