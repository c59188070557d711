package org.runreplicator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a written partition back with parquet-hadoop's own reader, independently of the code
 * that wrote it: lists the data files (skipping {@code _} and {@code .} paths, as readers do),
 * counts their rows from the footers and prints the first rows with their logical types applied.
 */
final class ParquetReadBack {
    private final List<LocatedFileStatus> files;
    private final Configuration conf;

    private ParquetReadBack(List<LocatedFileStatus> files, Configuration conf) {
        this.files = files;
        this.conf = conf;
    }

    static ParquetReadBack of(String location, Configuration conf) throws IOException {
        Path dir = new Path(location);
        FileSystem fs = dir.getFileSystem(conf);
        List<LocatedFileStatus> files = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            LocatedFileStatus file = it.next();
            if (isData(dir, file.getPath())) {
                files.add(file);
            }
        }
        files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        return new ParquetReadBack(files, conf);
    }

    private static boolean isData(Path dir, Path file) {
        for (Path p = file; p.depth() > dir.depth(); p = p.getParent()) {
            if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                return false;
            }
        }
        return file.getName().endsWith(".parquet");
    }

    List<LocatedFileStatus> files() {
        return files;
    }

    long rowCount() throws IOException {
        long rows = 0;
        for (LocatedFileStatus file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    /** Prints up to {@code limit} rows, one line each, {@code NAME=value, ...}, in file-name order. */
    void printFirstRows(int limit, PrintStream out) throws IOException {
        int printed = 0;
        for (LocatedFileStatus file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file.getPath()).withConf(conf).build()) {
                for (Group row = reader.read(); row != null && printed < limit; row = reader.read()) {
                    out.println("  " + render(row));
                    printed++;
                }
            }
            if (printed >= limit) {
                return;
            }
        }
    }

    static String render(Group row) {
        GroupType type = row.getType();
        StringJoiner line = new StringJoiner(", ");
        for (int i = 0; i < type.getFieldCount(); i++) {
            String value = row.getFieldRepetitionCount(i) == 0 ? "NULL" : value(row, i, type.getType(i).asPrimitiveType());
            line.add(type.getFieldName(i) + "=" + value);
        }
        return line.toString();
    }

    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private static String value(Group row, int field, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
            return new BigDecimal(unscaled(row, field, type), ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale()).toPlainString();
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(row.getInteger(field, 0)).toString();
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
            return timestamp(row.getLong(field, 0), (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical);
        }
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
            return "'" + row.getString(field, 0) + "'";
        }
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
            return int96(row.getInt96(field, 0).getBytes());
        }
        return row.getValueToString(field, 0);
    }

    private static BigInteger unscaled(Group row, int field, PrimitiveType type) {
        switch (type.getPrimitiveTypeName()) {
            case INT32:
                return BigInteger.valueOf(row.getInteger(field, 0));
            case INT64:
                return BigInteger.valueOf(row.getLong(field, 0));
            default:
                return new BigInteger(row.getBinary(field, 0).getBytes());
        }
    }

    /** INT96 (the hive3 flavour): nanoseconds of the day and the Julian day, little-endian, holding the UTC wall clock. */
    private static String int96(byte[] bytes) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = buffer.getInt();
        return LocalDate.ofEpochDay(julianDay - JULIAN_EPOCH_DAY).atStartOfDay().plusNanos(nanosOfDay).toString();
    }

    // An instant (adjusted to UTC) prints with its Z; a local date-time prints without one.
    private static String timestamp(long value, LogicalTypeAnnotation.TimestampLogicalTypeAnnotation type) {
        long perSecond = type.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS ? 1_000L
                : type.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS ? 1_000_000L : 1_000_000_000L;
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, perSecond), Math.floorMod(value, perSecond) * (1_000_000_000L / perSecond));
        return type.isAdjustedToUTC() ? instant.toString() : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
