package org.runreplicator.bench;

/** One contestant's run on one table in one round, after its output was checked. */
record RunResult(Contestant contestant, BenchTable table, int round, double wallSeconds, double cpuSeconds, long peakRssKb, long rows,
                 long parquetBytes, double largestSplitOverMean) {

    double rowsPerSecond() {
        return rows / wallSeconds;
    }

    double parquetMegabytesPerSecond() {
        return parquetBytes / 1e6 / wallSeconds;
    }
}
