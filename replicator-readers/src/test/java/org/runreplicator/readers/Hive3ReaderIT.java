package org.runreplicator.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat;
import org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe;
import org.apache.hadoop.hive.serde2.ColumnProjectionUtils;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.StructField;
import org.apache.hadoop.hive.serde2.objectinspector.StructObjectInspector;
import org.apache.hadoop.io.ArrayWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.RecordReader;
import org.apache.hadoop.mapred.Reporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.metastore.EmbeddedMetastore;

/**
 * What Hive 3.1.3 (Dataproc 2.2/2.3) reads: the job jar copies a table and registers it in a real
 * metastore; Hive's own Parquet SerDe and input format then read the partition the metastore points
 * at, with the column types the metastore holds, in a JVM whose zone is not UTC.
 */
class Hive3ReaderIT {
    private static final String COLUMNS = "ID BIGINT PRIMARY KEY, QTY SMALLINT, TINY TINYINT, N INT, AMOUNT DECIMAL(9,2),"
            + " RATE DECIMAL(18,4), BIG DECIMAL(38,10), PLACED TIMESTAMP(6), PLACED_TZ TIMESTAMP(6) WITH TIME ZONE, SOLD_ON DATE,"
            + " NOTE VARCHAR(40), CODE CHAR(4), OK BOOLEAN, RATIO DOUBLE PRECISION, AT_TIME TIME(6), RAW VARBINARY(8)";
    private static final String[] ROWS = {
        "1, 7, 1, 100, 1234567.89, 12345678901234.5678, 1234567890123456789012345678.0123456789,"
                + " TIMESTAMP '2024-03-10 02:30:00.123456', TIMESTAMP WITH TIME ZONE '2024-03-10 02:30:00.5+00:00', DATE '2024-03-10',"
                + " 'héllo 😀', 'ab', TRUE, 0.1, TIME '23:59:59.999999', X'00FF'",
        "2, -7, -1, -100, -9999999.99, -99999999999999.9999, -9999999999999999999999999999.9999999999,"
                + " TIMESTAMP '1900-01-01 00:00:00', TIMESTAMP WITH TIME ZONE '1969-12-31 23:59:59.999999+00:00', DATE '1900-01-01',"
                + " '', 'x', FALSE, -1.5E300, TIME '00:00:00', X''",
        "3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL",
        "4, 0, 0, 0, 0.01, 0.0001, 0.0000000001, TIMESTAMP '2024-11-03 01:30:00', TIMESTAMP WITH TIME ZONE '2024-11-03 01:30:00-07:00',"
                + " DATE '2024-11-03', 'fall back', 'abcd', TRUE, 2.5, TIME '01:30:00', X'01'"
    };
    private static final List<String> EXPECTED = List.of(
            "1|7|1|100|1234567.89|12345678901234.5678|1234567890123456789012345678.0123456789|2024-03-10 02:30:00.123456"
                    + "|2024-03-10 02:30:00.5|2024-03-10|héllo 😀|ab  |true|0.1|86399999999|00ff",
            "2|-7|-1|-100|-9999999.99|-99999999999999.9999|-9999999999999999999999999999.9999999999|1900-01-01 00:00:00"
                    + "|1969-12-31 23:59:59.999999|1900-01-01||x   |false|-1.5E300|0|",
            "3|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null",
            "4|0|0|0|0.01|0.0001|0.0000000001|2024-11-03 01:30:00|2024-11-03 08:30:00|2024-11-03|fall back|abcd|true|2.5"
                    + "|5400000000|01");

    private static EmbeddedMetastore metastore;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        metastore = EmbeddedMetastore.start(Files.createTempDirectory("hive3-reader"), Map.of());
    }

    @AfterAll
    static void stop() {
        metastore.close();
    }

    @Test
    void hive3ReadsTheDefaultFlavourExactly_throughTheRegisteredTablesTypes_inANonUtcZone() throws Exception {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("America/Los_Angeles");
        copy("hive3", "hive3");

        assertThat(readWithHive3("hive3")).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void hive3CannotReadTheModernFlavoursDecimalsOrTimestamps_whichIsWhyItIsNotTheDefault() throws Exception {
        copy("modern", "modern");

        // INT32/INT64 decimals: "UnsupportedOperationException: ...ETypeConverter$8$1"; INT64 timestamps: "ClassCastException:
        // LongWritable cannot be cast to TimestampWritableV2" (PLATFORM-NOTES): whichever column Hive meets first.
        assertThatThrownBy(() -> readWithHive3("modern"))
                .satisfies(e -> assertThat(stackTrace(e)).containsAnyOf("ETypeConverter", "cannot be cast to class org.apache.hadoop.hive"
                        + ".serde2.io.TimestampWritableV2", "LongWritable cannot be cast"));
    }

    private void copy(String db, String flavor) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("source-" + db);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + db);
            s.execute("CREATE TABLE " + db + ".orders (" + COLUMNS + ")");
            for (String row : ROWS) {
                s.execute("INSERT INTO " + db + ".orders VALUES (" + row + ")");
            }
        }
        JobJarCopy.Outcome run = JobJarCopy.run("run", db, "orders", "--source-url", url, "--source-user", "sa",
                "--target", dir.resolve("warehouse").toUri().toString(), "--partition", "ds=2024-05-01", "--splits", "2",
                "--metastore", metastore.uri().toString(), "--parquet-flavor", flavor);
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** Every row as Hive 3.1.3 reads it, one line each: the metastore's location and column types, Hive's SerDe. */
    private List<String> readWithHive3(String db) throws Exception {
        IMetaStoreClient client = org.apache.hadoop.hive.metastore.RetryingMetaStoreClient.getProxy(metastoreConf(), false);
        Table table;
        Partition partition;
        try {
            table = client.getTable(db, "orders");
            partition = client.getPartition(db, "orders", List.of("2024-05-01"));
        } finally {
            client.close();
        }
        List<FieldSchema> columns = table.getSd().getCols();
        Properties properties = new Properties();
        properties.setProperty("columns", columns.stream().map(FieldSchema::getName).collect(Collectors.joining(",")));
        properties.setProperty("columns.types", columns.stream().map(FieldSchema::getType).collect(Collectors.joining(":")));
        JobConf job = new JobConf();
        properties.forEach((k, v) -> job.set((String) k, (String) v));
        ColumnProjectionUtils.setReadAllColumns(job);
        FileInputFormat.setInputPaths(job, partition.getSd().getLocation());

        ParquetHiveSerDe serde = new ParquetHiveSerDe();
        serde.initialize(job, properties);
        StructObjectInspector inspector = (StructObjectInspector) serde.getObjectInspector();
        MapredParquetInputFormat format = new MapredParquetInputFormat();
        List<String> rows = new ArrayList<>();
        for (InputSplit split : format.getSplits(job, 1)) {
            RecordReader<NullWritable, ArrayWritable> reader = format.getRecordReader(split, job, Reporter.NULL);
            NullWritable key = reader.createKey();
            ArrayWritable value = reader.createValue();
            while (reader.next(key, value)) {
                Object row = serde.deserialize(value);
                List<String> fields = new ArrayList<>();
                for (StructField field : inspector.getAllStructFieldRefs()) {
                    Object data = inspector.getStructFieldData(row, field);
                    Object javaValue = data == null ? null
                            : ((PrimitiveObjectInspector) field.getFieldObjectInspector()).getPrimitiveJavaObject(data);
                    fields.add(text(javaValue, field.getFieldObjectInspector().getTypeName()));
                }
                rows.add(String.join("|", fields));
            }
            reader.close();
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(a.substring(0, a.indexOf('|'))), Long.parseLong(b.substring(0, b.indexOf('|')))));
        return rows;
    }

    private static String text(Object value, String hiveType) {
        if (value == null) {
            return "null";
        }
        if (value instanceof HiveDecimal) {
            int scale = Integer.parseInt(hiveType.substring(hiveType.indexOf(',') + 1, hiveType.length() - 1));
            return ((HiveDecimal) value).bigDecimalValue().setScale(scale).toPlainString();
        }
        if (value instanceof byte[]) {
            return HexFormat.of().formatHex((byte[]) value);
        }
        return value.toString();
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static org.apache.hadoop.conf.Configuration metastoreConf() {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        conf.set("metastore.thrift.uris", metastore.uri().toString());
        return conf;
    }
}
