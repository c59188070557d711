package org.runreplicator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates the tables, runs every contestant on each of them round after round (the order
 * rotating each round, so drift on a shared machine hits all alike), checks every output, records
 * a JFR profile of Run Replicator, and prints the results as Markdown (also written to
 * {@code WORK/results.md}). Started by {@code bench/run}, which provides the server and builds.
 */
public final class Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchSettings settings;
    private final Map<BenchTable, List<String>> checksums = new EnumMap<>(BenchTable.class);
    private final List<RunResult> results = new ArrayList<>();

    private Benchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        new Benchmark(settings).run();
    }

    private void run() throws Exception {
        log("benchmark: " + settings.describe());
        try (Connection source = DriverManager.getConnection(settings.url, settings.user, System.getenv("BENCH_PGPASSWORD"))) {
            for (BenchTable table : BenchTable.values()) {
                long start = System.nanoTime();
                table.create(source, settings.rows);
                checksums.put(table, OutputCheck.sourceChecksum(source, table));
                log(String.format("generated %s in %.1f s", table.qualified(), (System.nanoTime() - start) / 1e9));
            }
        }
        for (BenchTable table : BenchTable.values()) {
            // Untimed: brings the table into PostgreSQL's buffers and the JVM jars into the page cache.
            execute(Contestant.RAW_DRAIN, table, -1, List.of());
        }
        try (MiniYarnProcess cluster = settings.contestants.contains(Contestant.REPLICATOR_YARN) ? startMiniYarn() : null) {
            runRounds();
        }
        StringBuilder report = new StringBuilder("Settings: ").append(settings.describe()).append("\n\n")
                .append(new ResultsTable(results, settings).render());
        if (settings.profile) {
            report.append("\n### Profile: Run Replicator on ").append(BenchTable.UNIFORM.qualified())
                    .append(" (JFR execution samples)\n\n").append(profile());
        }
        Path file = settings.work.resolve("results.md");
        Files.writeString(file, report);
        System.out.println(report);
        log("results written to " + file);
    }

    private void runRounds() throws Exception {
        for (int round = 0; round < settings.repeats; round++) {
            List<Contestant> order = new ArrayList<>(settings.contestants);
            Collections.rotate(order, -round);
            for (BenchTable table : BenchTable.values()) {
                for (Contestant contestant : order) {
                    RunResult result = execute(contestant, table, round, List.of());
                    results.add(result);
                    log(String.format("round %d %-14s %-42s %7.2f s %7.2f CPU s %6d MB RSS  largest/mean %.2f", round + 1,
                            table.tableName(), contestant.label(), result.wallSeconds(), result.cpuSeconds(), result.peakRssKb() / 1024,
                            result.largestSplitOverMean()));
                }
            }
        }
    }

    /** Untimed: the cluster starts once, and the first YARN run (untimed too) warms its JVMs' jars in the page cache. */
    private MiniYarnProcess startMiniYarn() throws Exception {
        long start = System.nanoTime();
        MiniYarnProcess cluster = MiniYarnProcess.start(settings, Files.createDirectories(settings.work.resolve("logs"))
                .resolve("mini-yarn.log"));
        log(String.format("mini YARN cluster ready in %.1f s", (System.nanoTime() - start) / 1e9));
        try {
            execute(Contestant.REPLICATOR_YARN, BenchTable.UNIFORM, -1, List.of());
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** A separate, untimed Run Replicator run with a JFR recording, summarized. */
    private String profile() throws Exception {
        Path recording = settings.work.resolve("replicator.jfr");
        Files.deleteIfExists(recording);
        execute(Contestant.REPLICATOR_LOCAL, BenchTable.UNIFORM, -1,
                List.of("-XX:StartFlightRecording=filename=" + recording + ",settings=profile"));
        return HotFrames.summarize(recording);
    }

    private RunResult execute(Contestant contestant, BenchTable table, int round, List<String> extraJvmOptions) throws Exception {
        Path output = settings.work.resolve("out").resolve(contestant.name().toLowerCase() + "-" + table.tableName());
        delete(output);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + settings.heap));
        jvm.addAll(extraJvmOptions);
        String name = (round < 0 ? "warmup" : "round" + (round + 1)) + "-" + table.tableName() + "-" + contestant.name().toLowerCase();
        TimedProcess process = TimedProcess.run(contestant.command(settings, table, output, jvm), contestant.environment(jvm),
                settings.work.resolve("logs"), name);
        RunResult result = check(contestant, table, round, process, output);
        delete(output);
        return result;
    }

    /** Refuses a run whose output differs from the source: rows, and for Parquet writers the column checksum. */
    private RunResult check(Contestant contestant, BenchTable table, int round, TimedProcess process, Path output)
            throws IOException, SQLException {
        JsonNode summary = JSON.readTree(process.summaryJson);
        List<String> expected = checksums.get(table);
        long expectedRows = Long.parseLong(expected.get(0));
        List<Long> splitRows = new ArrayList<>();
        long bytes = 0;
        if (contestant.writesParquet()) {
            List<String> actual = OutputCheck.parquetChecksum(output);
            if (!actual.equals(expected)) {
                throw new IllegalStateException(contestant.label() + " wrote wrong data for " + table.qualified()
                        + ": checksum " + actual + ", source has " + expected);
            }
            for (Path f : OutputCheck.dataFiles(output)) {
                bytes += Files.size(f);
            }
        } else if (summary.get("rows").asLong() != expectedRows
                || !summary.get("keySum").asText().equals(expected.get(1))) {
            throw new IllegalStateException(contestant.label() + " read " + summary.get("rows") + " rows (key sum "
                    + summary.get("keySum") + ") of " + table.qualified() + ", which has " + expectedRows + " (key sum "
                    + expected.get(1) + ")");
        }
        if (summary.has("splitRows")) {
            summary.get("splitRows").forEach(n -> splitRows.add(n.asLong()));
        } else {
            splitRows.addAll(OutputCheck.rowsPerFile(output));
        }
        // Spark writes no file for an empty split, so the mean is over the splits asked for.
        int splitCount = Math.max(settings.splits, splitRows.size());
        double largestOverMean = splitRows.stream().mapToLong(Long::longValue).max().orElse(0) * (double) splitCount / expectedRows;
        return new RunResult(contestant, table, round, process.wallSeconds, process.cpuSeconds, process.peakRssKb, expectedRows, bytes, largestOverMean);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void log(String line) {
        System.err.println(line);
    }
}
