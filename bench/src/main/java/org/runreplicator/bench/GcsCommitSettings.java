package org.runreplicator.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one run of {@link GcsCommitBench} measures, parsed once from its command line. */
final class GcsCommitSettings {
    /** Snappy Parquet bytes per row of {@code bench.wide_uniform} (116.5 MB per million rows, RESULTS.md). */
    static final double PARQUET_BYTES_PER_ROW = 116.5;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(KB|MB|GB)", Pattern.CASE_INSENSITIVE);

    /** A partition size to measure: its label, the Parquet bytes aimed at, and the rows that make about that much. */
    record PartitionSize(String label, long targetBytes, long rows) {
        /** A name usable in a path: {@code 10mb}. */
        String pathName() {
            return label.replace(" ", "").toLowerCase(Locale.ROOT);
        }
    }

    List<PartitionSize> sizes = parseSizes("10MB,1GB");
    int splits = 4;
    int connections = 2;
    int fetchSize = 10_000;
    String bucket = "replicator-bench";
    String url;
    String user;
    Path fakeGcsServer;
    Path work;

    static GcsCommitSettings parse(String[] args) {
        GcsCommitSettings s = new GcsCommitSettings();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--sizes" -> s.sizes = parseSizes(value);
                case "--splits" -> s.splits = Integer.parseInt(value);
                case "--connections" -> s.connections = Integer.parseInt(value);
                case "--fetch-size" -> s.fetchSize = Integer.parseInt(value);
                case "--bucket" -> s.bucket = value;
                case "--url" -> s.url = value;
                case "--user" -> s.user = value;
                case "--fake-gcs-server" -> s.fakeGcsServer = Path.of(value).toAbsolutePath();
                case "--work" -> s.work = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        if (s.url == null || s.user == null || s.fakeGcsServer == null || s.work == null) {
            throw new IllegalArgumentException("--url, --user, --fake-gcs-server and --work are required");
        }
        if (s.splits < 1 || s.connections < 1 || s.fetchSize < 1) {
            throw new IllegalArgumentException("Need --splits, --connections and --fetch-size at least 1");
        }
        if (s.bucket.length() < 3 || s.bucket.length() > 63) {
            throw new IllegalArgumentException("Invalid --bucket '" + s.bucket + "': a bucket name has 3 to 63 characters");
        }
        return s;
    }

    /**
     * Parses {@code 10MB,1GB} (decimal units, as the Parquet sizes are reported) into sizes whose
     * row counts are multiples of 5, which {@link BenchTable} needs to generate the table.
     */
    static List<PartitionSize> parseSizes(String text) {
        List<PartitionSize> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            Matcher m = SIZE.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("Invalid size '" + part.trim() + "' in --sizes: expected a number and KB, MB or GB, e.g. 10MB");
            }
            long number = Long.parseLong(m.group(1));
            String unit = m.group(2).toUpperCase(Locale.ROOT);
            long bytes = number * switch (unit) {
                case "KB" -> 1_000L;
                case "MB" -> 1_000_000L;
                default -> 1_000_000_000L;
            };
            long rows = Math.max(5, Math.round(bytes / PARQUET_BYTES_PER_ROW / 5) * 5);
            sizes.add(new PartitionSize(number + " " + unit, bytes, rows));
        }
        return sizes;
    }

    long largestRows() {
        return sizes.stream().mapToLong(PartitionSize::rows).max().orElseThrow();
    }

    String describe() {
        return splits + " splits on " + connections + " connections, fetch size " + fetchSize + ", -Xmx"
                + MemoryWatch.maxHeapBytes() / (1 << 20) + "m";
    }
}
