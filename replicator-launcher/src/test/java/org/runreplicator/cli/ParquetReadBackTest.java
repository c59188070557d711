package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReadBackTest {
    private static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.INT32).named("ID")
            .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(4, 18)).named("PRICE")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).as(LogicalTypeAnnotation.decimalType(10, 38)).named("RATE")
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("DAY")
            .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named("TS")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("NAME")
            .named("row");

    @TempDir
    Path dir;

    private final Configuration conf = new Configuration();

    @Test
    void readsOnlyDataFiles_countsRowsFromFooters_andPrintsFirstRowsWithLogicalTypes() throws IOException {
        Path partition = dir.resolve("db/t/ds=2024-05-01");
        write(partition.resolve("part-00001.parquet"), 1, 3);
        write(partition.resolve("part-00000.parquet"), 10, 2);
        write(partition.resolve("_temporary/attempt/part-00002.parquet"), 100, 5);
        write(partition.resolve(".staging/part-00003.parquet"), 200, 5);

        ParquetReadBack readBack = ParquetReadBack.of(partition.toUri().toString(), conf);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        readBack.printFirstRows(4, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(readBack.files()).extracting(f -> f.getPath().getName()).containsExactly("part-00000.parquet", "part-00001.parquet");
        assertThat(readBack.rowCount()).isEqualTo(5);
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  ID=10, PRICE=1234.5678, RATE=-0.0000000001, DAY=2024-02-29, TS=2024-05-01T02:30:00.123456, NAME='row 10'",
                "  ID=11, PRICE=NULL, RATE=NULL, DAY=NULL, TS=NULL, NAME=NULL",
                "  ID=1, PRICE=1234.5678, RATE=-0.0000000001, DAY=2024-02-29, TS=2024-05-01T02:30:00.123456, NAME='row 1'",
                "  ID=2, PRICE=NULL, RATE=NULL, DAY=NULL, TS=NULL, NAME=NULL");
    }

    // Even ids carry every value, odd ids only the key.
    private void write(Path file, int firstId, int rows) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(conf).withType(SCHEMA).build()) {
            for (int id = firstId; id < firstId + rows; id++) {
                Group row = groups.newGroup().append("ID", id);
                if ((id - firstId) % 2 == 0) {
                    byte[] rate = new byte[16];
                    java.util.Arrays.fill(rate, (byte) 0xFF);
                    row.append("PRICE", new BigDecimal("1234.5678").unscaledValue().longValue())
                            .append("RATE", org.apache.parquet.io.api.Binary.fromConstantByteArray(rate))
                            .append("DAY", (int) LocalDate.of(2024, 2, 29).toEpochDay())
                            .append("TS", 1_714_530_600_123_456L)
                            .append("NAME", "row " + id);
                }
                writer.write(row);
            }
        }
    }
}
