package org.runreplicator.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.runreplicator.ReplicatorException;

/** One logical type decides the Parquet type in each flavour, the Hive type and the BigQuery type. */
class ParquetFlavorTest {
    @ParameterizedTest(name = "{0}: hive3 {1}, modern {2}, Hive {3}, BigQuery {4}")
    @CsvSource(delimiter = '|', textBlock = """
            tinyint       | INT32 INTEGER(8,true)                 | INT32 INTEGER(8,true)                 | TINYINT        | INT64
            integer       | INT32                                 | INT32                                 | INT            | INT64
            bigint        | INT64                                 | INT64                                 | BIGINT         | INT64
            decimal(9,2)  | FIXED_LEN_BYTE_ARRAY(4) DECIMAL(9,2)  | INT32 DECIMAL(9,2)                    | DECIMAL(9,2)   | NUMERIC(9,2)
            decimal(18,4) | FIXED_LEN_BYTE_ARRAY(8) DECIMAL(18,4) | INT64 DECIMAL(18,4)                   | DECIMAL(18,4)  | NUMERIC(18,4)
            decimal(38,10)| FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,10)| FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,10)| DECIMAL(38,10) | BIGNUMERIC(38,10)
            real          | FLOAT                                 | FLOAT                                 | FLOAT          | FLOAT64
            date          | INT32 DATE                            | INT32 DATE                            | DATE           | DATE
            time          | INT64 TIME(MICROS,false)              | INT64 TIME(MICROS,false)              | BIGINT         | TIME
            timestamp     | INT96                                 | INT64 TIMESTAMP(MICROS,false)         | TIMESTAMP      | DATETIME
            timestamp_tz  | INT96                                 | INT64 TIMESTAMP(MICROS,true)          | TIMESTAMP      | TIMESTAMP
            string        | BINARY STRING                         | BINARY STRING                         | STRING         | STRING
            binary        | BINARY                                | BINARY                                | BINARY         | BYTES
            """)
    void eachLogicalTypeHasOneParquetTypePerFlavour_andOneHiveAndBigQueryType(String logical, String hive3, String modern, String hive,
            String bigQuery) {
        LogicalType type = parse(logical);

        ColumnMapping h3 = StandardColumnMappings.of("C", logical, type, ColumnType.Read.NATIVE, ParquetFlavor.HIVE3);
        ColumnMapping m = StandardColumnMappings.of("C", logical, type, ColumnType.Read.NATIVE, ParquetFlavor.MODERN);

        assertThat(h3.parquetTypeName()).isEqualTo(hive3);
        assertThat(m.parquetTypeName()).isEqualTo(modern);
        assertThat(h3.hiveType()).isEqualTo(hive).isEqualTo(m.hiveType());
        assertThat(h3.bigQueryType()).isEqualTo(bigQuery).isEqualTo(m.bigQueryType());
    }

    @Test
    void hive3IsTheDefault_andItsFilesSayTheirTimestampsAreUtc() {
        assertThat(ParquetFlavor.DEFAULT).isEqualTo(ParquetFlavor.HIVE3);
        assertThat(ParquetFlavor.HIVE3.footerMetadata()).containsExactly(java.util.Map.entry("writer.time.zone", "UTC"));
        assertThat(ParquetFlavor.MODERN.footerMetadata()).isEmpty();
        assertThat(ParquetFlavor.parse(" Modern ")).isEqualTo(ParquetFlavor.MODERN);
        assertThatThrownBy(() -> ParquetFlavor.parse("spark")).isInstanceOf(ReplicatorException.class)
                .hasMessage("Invalid --parquet-flavor 'spark': expected hive3 (Hive 3.1, Dataproc 2.2/2.3) or modern (Hive 4, Dataproc 3.0)");
    }

    @Test
    void int96IsNanosOfTheDayThenTheJulianDay_littleEndian() {
        ByteBuffer epoch = ByteBuffer.wrap(Int96Writers.encode(0, 0)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(epoch.getLong()).isZero();
        assertThat(epoch.getInt()).isEqualTo(2_440_588);

        // 1969-12-31T23:59:59.999999Z: the day before the epoch, one microsecond before midnight.
        ByteBuffer before = ByteBuffer.wrap(Int96Writers.encode(-1, 999_999_000)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(before.getLong()).isEqualTo(86_399_999_999_000L);
        assertThat(before.getInt()).isEqualTo(2_440_587);
    }

    private static LogicalType parse(String text) {
        if (text.startsWith("decimal")) {
            String[] ps = text.substring(8, text.length() - 1).split(",");
            return LogicalType.decimal(Integer.parseInt(ps[0]), Integer.parseInt(ps[1]));
        }
        switch (text) {
            case "tinyint":
                return LogicalType.TINYINT;
            case "integer":
                return LogicalType.INTEGER;
            case "bigint":
                return LogicalType.BIGINT;
            case "real":
                return LogicalType.REAL;
            case "date":
                return LogicalType.DATE;
            case "time":
                return LogicalType.TIME;
            case "timestamp":
                return LogicalType.TIMESTAMP;
            case "timestamp_tz":
                return LogicalType.TIMESTAMP_TZ;
            case "string":
                return LogicalType.STRING;
            default:
                return LogicalType.BINARY;
        }
    }
}
