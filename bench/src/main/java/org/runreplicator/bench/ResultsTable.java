package org.runreplicator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Renders the runs as Markdown: per table, each contestant's medians over the rounds, and ratios
 * against Spark and against the raw drain computed round by round (so both sides of a ratio ran
 * under the same conditions) before taking the median; then the targets, then every run.
 */
final class ResultsTable {
    private final List<RunResult> results;
    private final BenchSettings settings;

    ResultsTable(List<RunResult> results, BenchSettings settings) {
        this.results = results;
        this.settings = settings;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        for (BenchTable table : BenchTable.values()) {
            out.append("### ").append(table.qualified()).append(" (").append(settings.rows).append(" rows)\n\n")
                    .append("| contestant | wall s | CPU s | rows/s | Parquet MB/s | peak RSS MB | largest split / mean |"
                            + " throughput vs Spark | time vs raw drain | memory vs Spark |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Contestant c : settings.contestants) {
                List<RunResult> runs = runs(c, table);
                out.append("| ").append(c.label())
                        .append(" | ").append(fmt(median(runs, RunResult::wallSeconds), 2))
                        .append(" | ").append(fmt(median(runs, RunResult::cpuSeconds), 2))
                        .append(" | ").append(fmt(median(runs, RunResult::rowsPerSecond), 0))
                        .append(" | ").append(c.writesParquet() ? fmt(median(runs, RunResult::parquetMegabytesPerSecond), 1) : "-")
                        .append(" | ").append(fmt(median(runs, r -> r.peakRssKb() / 1024.0), 0))
                        .append(" | ").append(fmt(median(runs, RunResult::largestSplitOverMean), 2))
                        .append(" | ").append(ratio(c, Contestant.SPARK_JDBC, table, (mine, theirs) -> theirs.wallSeconds() / mine.wallSeconds()))
                        .append(" | ").append(ratio(c, Contestant.RAW_DRAIN, table, (mine, theirs) -> mine.wallSeconds() / theirs.wallSeconds()))
                        .append(" | ").append(ratio(c, Contestant.SPARK_JDBC, table,
                                (mine, theirs) -> (double) mine.peakRssKb() / theirs.peakRssKb()))
                        .append(" |\n");
            }
            out.append('\n');
        }
        out.append(targets()).append('\n').append(engineOverhead()).append(allRuns());
        return out.toString();
    }

    private String targets() {
        if (!settings.contestants.containsAll(List.of(Contestant.REPLICATOR_LOCAL, Contestant.SPARK_JDBC, Contestant.RAW_DRAIN))) {
            return "";
        }
        Contestant us = Contestant.REPLICATOR_LOCAL;
        BenchTable uniform = BenchTable.UNIFORM;
        double vsSpark = medianRatio(us, Contestant.SPARK_JDBC, uniform, (m, t) -> t.wallSeconds() / m.wallSeconds());
        double vsRaw = medianRatio(us, Contestant.RAW_DRAIN, uniform, (m, t) -> m.wallSeconds() / t.wallSeconds());
        double memory = medianRatio(us, Contestant.SPARK_JDBC, uniform, (m, t) -> (double) m.peakRssKb() / t.peakRssKb());
        double skew = median(runs(us, BenchTable.SKEWED), RunResult::largestSplitOverMean);
        double sparkSkew = median(runs(Contestant.SPARK_JDBC, BenchTable.SKEWED), RunResult::largestSplitOverMean);
        return "| target (uniform table unless noted) | wanted | measured | met |\n|---|---:|---:|---|\n"
                + row("throughput vs Spark", ">= 1.50x", vsSpark, vsSpark >= 1.5)
                + row("time vs raw drain", "<= 1.25x", vsRaw, vsRaw <= 1.25)
                + row("peak memory vs Spark", "<= 0.50x", memory, memory <= 0.5)
                + row("skewed: largest split / mean (Spark: " + fmt(sparkSkew, 2) + ")", "<= 1.50", skew, skew <= 1.5);
    }

    /** What the MapReduce engine costs over local threads on the same table, round by round: extra seconds and the ratio. */
    private String engineOverhead() {
        List<Contestant> engines = settings.contestants.stream()
                .filter(c -> c == Contestant.REPLICATOR_MAPREDUCE || c == Contestant.REPLICATOR_YARN).toList();
        if (engines.isEmpty() || !settings.contestants.contains(Contestant.REPLICATOR_LOCAL)) {
            return "";
        }
        StringBuilder out = new StringBuilder("| engine overhead vs local threads | table | extra wall s | wall ratio | extra CPU s |\n"
                + "|---|---|---:|---:|---:|\n");
        for (Contestant engine : engines) {
            for (BenchTable table : BenchTable.values()) {
                Contestant local = Contestant.REPLICATOR_LOCAL;
                out.append("| ").append(engine.label()).append(" | ").append(table.tableName())
                        .append(" | ").append(fmt(medianRatio(engine, local, table, (m, t) -> m.wallSeconds() - t.wallSeconds()), 2))
                        .append(" | ").append(fmt(medianRatio(engine, local, table, (m, t) -> m.wallSeconds() / t.wallSeconds()), 2)).append("x")
                        .append(" | ").append(fmt(medianRatio(engine, local, table, (m, t) -> m.cpuSeconds() - t.cpuSeconds()), 2))
                        .append(" |\n");
            }
        }
        return out.append("\nCPU and memory of a YARN run are its driver's only: map tasks run in the cluster's containers.\n\n").toString();
    }

    private static String row(String name, String wanted, double measured, boolean met) {
        return "| " + name + " | " + wanted + " | " + fmt(measured, 2) + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private String allRuns() {
        StringBuilder out = new StringBuilder("<details><summary>Every run</summary>\n\n"
                + "| round | table | contestant | wall s | CPU s | peak RSS MB | rows | Parquet bytes | largest split / mean |\n"
                + "|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            out.append("| ").append(r.round() + 1).append(" | ").append(r.table().tableName()).append(" | ")
                    .append(r.contestant().label()).append(" | ").append(fmt(r.wallSeconds(), 2)).append(" | ")
                    .append(fmt(r.cpuSeconds(), 2)).append(" | ").append(r.peakRssKb() / 1024).append(" | ").append(r.rows()).append(" | ").append(r.parquetBytes())
                    .append(" | ").append(fmt(r.largestSplitOverMean(), 2)).append(" |\n");
        }
        return out.append("\n</details>\n").toString();
    }

    private List<RunResult> runs(Contestant c, BenchTable table) {
        return results.stream().filter(r -> r.contestant() == c && r.table() == table).toList();
    }

    private interface Ratio {
        double of(RunResult mine, RunResult theirs);
    }

    private String ratio(Contestant c, Contestant other, BenchTable table, Ratio ratio) {
        if (!settings.contestants.contains(other)) {
            return "-";
        }
        return fmt(medianRatio(c, other, table, ratio), 2) + "x";
    }

    private double medianRatio(Contestant c, Contestant other, BenchTable table, Ratio ratio) {
        List<Double> perRound = new ArrayList<>();
        for (RunResult mine : runs(c, table)) {
            Optional<RunResult> theirs = runs(other, table).stream().filter(r -> r.round() == mine.round()).findFirst();
            theirs.ifPresent(t -> perRound.add(ratio.of(mine, t)));
        }
        return median(perRound);
    }

    private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        return median(runs.stream().map(value::applyAsDouble).toList());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format("%,." + decimals + "f", value);
    }
}
