package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {
    private static final String[] REQUIRED = {"--url", "jdbc:postgresql://127.0.0.1:5432/postgres", "--user", "bench",
        "--bench-home", ".", "--replicator-home", "..", "--work", "target"};

    @Test
    void defaultsAreOneMillionRowsThreeRoundsEightSplitsOnTwoConnections() {
        BenchSettings s = BenchSettings.parse(REQUIRED);

        assertThat(s.rows).isEqualTo(1_000_000);
        assertThat(s.repeats).isEqualTo(3);
        assertThat(s.splits).isEqualTo(8);
        assertThat(s.connections).isEqualTo(2);
        assertThat(s.fetchSize).isEqualTo(10_000);
        assertThat(s.heap).isEqualTo("2g");
        assertThat(s.profile).isTrue();
        assertThat(s.contestants).containsExactly(Contestant.RAW_DRAIN, Contestant.REPLICATOR_LOCAL, Contestant.SPARK_JDBC);
    }

    @Test
    void optionsOverrideTheDefaults_andContestantsAreNamedLikeTheirLogs() {
        BenchSettings s = BenchSettings.parse(concat(REQUIRED, "--rows", "10_000_000", "--contestants", "spark-jdbc,raw_drain"));

        assertThat(s.rows).isEqualTo(10_000_000);
        assertThat(s.contestants).isEqualTo(List.of(Contestant.SPARK_JDBC, Contestant.RAW_DRAIN));
    }

    @Test
    void replicatorArgsReachEveryRunReplicatorCommand_butNoOtherContestants() throws Exception {
        BenchSettings s = BenchSettings.parse(concat(REQUIRED, "--replicator-args", " --parquet-flavor  modern "));
        java.nio.file.Path out = java.nio.file.Path.of("target/out");

        assertThat(s.replicatorArgs).containsExactly("--parquet-flavor", "modern");
        assertThat(Contestant.REPLICATOR_LOCAL.command(s, BenchTable.UNIFORM, out, List.of()))
                .containsSubsequence("--parquet-flavor", "modern");
        assertThat(Contestant.RAW_DRAIN.command(s, BenchTable.UNIFORM, out, List.of())).doesNotContain("--parquet-flavor");
        assertThat(s.describe()).endsWith(", Run Replicator with --parquet-flavor modern");
    }

    @Test
    void rowCountsThatCannotBeSkewed80To5AreRefused() {
        assertThatThrownBy(() -> BenchSettings.parse(concat(REQUIRED, "--rows", "1001")))
                .hasMessageContaining("multiple of 5");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> BenchSettings.parse(concat(REQUIRED, "--rowz", "5")))
                .hasMessage("Unknown option --rowz");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
