package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GcsCommitSettingsTest {
    private static final String[] REQUIRED = {"--url", "jdbc:postgresql://127.0.0.1:5432/postgres", "--user", "bench",
        "--fake-gcs-server", "fake-gcs-server", "--work", "target"};

    @Test
    void defaultsAreA10MbAnd1GbPartitionInFourSplitsOnTwoConnections() {
        GcsCommitSettings s = GcsCommitSettings.parse(REQUIRED);

        assertThat(s.sizes).containsExactly(
                new GcsCommitSettings.PartitionSize("10 MB", 10_000_000L, 85_835),
                new GcsCommitSettings.PartitionSize("1 GB", 1_000_000_000L, 8_583_690));
        assertThat(s.splits).isEqualTo(4);
        assertThat(s.connections).isEqualTo(2);
        assertThat(s.fetchSize).isEqualTo(10_000);
        assertThat(s.bucket).isEqualTo("replicator-bench");
        assertThat(s.largestRows()).isEqualTo(8_583_690);
    }

    @Test
    void sizesAreDecimal_caseBlind_andBecomeRowCountsThatAreMultiplesOfFive() {
        assertThat(GcsCommitSettings.parseSizes("500kb, 2GB"))
                .extracting(GcsCommitSettings.PartitionSize::label, GcsCommitSettings.PartitionSize::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("500 KB", 4_290L), org.assertj.core.groups.Tuple.tuple("2 GB", 17_167_380L));
        assertThat(GcsCommitSettings.parseSizes("1KB").get(0).rows()).isEqualTo(10);
        assertThat(GcsCommitSettings.parseSizes("10MB").get(0).pathName()).isEqualTo("10mb");
    }

    @Test
    void aSizeWithoutAUnitIsRefused_withTheOffendingText() {
        assertThatThrownBy(() -> GcsCommitSettings.parseSizes("10MB,1000"))
                .hasMessageContaining("Invalid size '1000'");
    }

    @Test
    void aBucketNameTheStoreWouldRefuseIsRefusedFirst() {
        assertThatThrownBy(() -> GcsCommitSettings.parse(concat(REQUIRED, "--bucket", "b")))
                .hasMessageContaining("3 to 63 characters");
    }

    @Test
    void theServersAndWorkDirectoryAreRequired() {
        assertThatThrownBy(() -> GcsCommitSettings.parse(new String[] {"--url", "jdbc:postgresql://x/y"}))
                .hasMessageContaining("are required");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
