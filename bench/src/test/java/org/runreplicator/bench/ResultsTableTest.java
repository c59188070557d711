package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void medianTakesTheMiddleValue_orTheMeanOfTheTwoMiddleOnes() {
        assertThat(ResultsTable.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(ResultsTable.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(ResultsTable.median(List.of())).isNaN();
    }

    @Test
    void ratiosAreTakenWithinEachRound_beforeTheMedian() {
        // Round 1 ran on a slow machine moment, round 2 on a fast one: ratios within a round stay 2x.
        List<RunResult> runs = new ArrayList<>();
        for (BenchTable table : BenchTable.values()) {
            runs.add(run(Contestant.SPARK_JDBC, table, 0, 20.0, 2000));
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 0, 10.0, 800));
            runs.add(run(Contestant.RAW_DRAIN, table, 0, 8.0, 500));
            runs.add(run(Contestant.SPARK_JDBC, table, 1, 10.0, 2000));
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 1, 5.0, 800));
            runs.add(run(Contestant.RAW_DRAIN, table, 1, 4.0, 500));
            runs.add(run(Contestant.SPARK_JDBC, table, 2, 16.0, 2000));
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 2, 8.0, 800));
            runs.add(run(Contestant.RAW_DRAIN, table, 2, 6.4, 500));
        }

        String rendered = new ResultsTable(runs, settings()).render();

        assertThat(rendered).contains("| Run Replicator (local) | 8.00 |")
                .contains("| 2.00x | 1.25x | 0.40x |")
                .contains("| throughput vs Spark | >= 1.50x | 2.00 | yes |")
                .contains("| time vs raw drain | <= 1.25x | 1.25 | yes |")
                .contains("| peak memory vs Spark | <= 0.50x | 0.40 | yes |");
    }

    @Test
    void aMissedTargetIsMarked() {
        List<RunResult> runs = new ArrayList<>();
        for (BenchTable table : BenchTable.values()) {
            runs.add(run(Contestant.SPARK_JDBC, table, 0, 10.0, 1000));
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 0, 9.0, 900));
            runs.add(run(Contestant.RAW_DRAIN, table, 0, 3.0, 500));
        }

        assertThat(new ResultsTable(runs, settings()).render())
                .contains("| throughput vs Spark | >= 1.50x | 1.11 | **no** |")
                .contains("| time vs raw drain | <= 1.25x | 3.00 | **no** |");
    }

    @Test
    void theMapReduceEnginesOverheadIsTakenAgainstLocalThreadsRoundByRound() {
        List<RunResult> runs = new ArrayList<>();
        for (BenchTable table : BenchTable.values()) {
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 0, 10.0, 800));
            runs.add(run(Contestant.REPLICATOR_YARN, table, 0, 25.0, 400));
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 1, 5.0, 800));
            runs.add(run(Contestant.REPLICATOR_YARN, table, 1, 15.0, 400));
            runs.add(run(Contestant.REPLICATOR_LOCAL, table, 2, 8.0, 800));
            runs.add(run(Contestant.REPLICATOR_YARN, table, 2, 20.0, 400));
        }
        BenchSettings settings = settings();
        settings.contestants = List.of(Contestant.REPLICATOR_LOCAL, Contestant.REPLICATOR_YARN);

        // Extra seconds 15, 10, 12 (median 12); ratios 2.5, 3.0, 2.5 (median 2.5).
        assertThat(new ResultsTable(runs, settings).render())
                .contains("| Run Replicator (MapReduce, mini YARN cluster) | " + BenchTable.UNIFORM.tableName() + " | 12.00 | 2.50x | 12.00 |");
    }

    private static RunResult run(Contestant c, BenchTable table, int round, double wall, long rssMb) {
        return new RunResult(c, table, round, wall, wall, rssMb * 1024, 1_000_000, 100_000_000, 1.0);
    }

    private static BenchSettings settings() {
        return BenchSettings.parse(new String[] {"--url", "jdbc:postgresql://127.0.0.1:5432/postgres", "--user", "bench",
            "--bench-home", ".", "--replicator-home", "..", "--work", Path.of("target").toString()});
    }
}
