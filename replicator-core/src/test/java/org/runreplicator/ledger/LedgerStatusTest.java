package org.runreplicator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.runreplicator.PartitionSpec;
import org.runreplicator.RunIdentity;
import org.runreplicator.source.TableRef;

class LedgerStatusTest {

    @Test
    void statusesRankPendingRunningFailedSucceeded_andAWriteReplacesItsRankAndBelow() {
        assertThat(LedgerStatus.values()).containsExactly(LedgerStatus.PENDING, LedgerStatus.RUNNING, LedgerStatus.FAILED,
                LedgerStatus.SUCCEEDED);
        assertThat(LedgerStatus.PENDING.replaceable()).containsExactly(LedgerStatus.PENDING);
        assertThat(LedgerStatus.RUNNING.replaceable()).containsExactly(LedgerStatus.PENDING, LedgerStatus.RUNNING);
        assertThat(LedgerStatus.FAILED.replaces(LedgerStatus.SUCCEEDED)).isFalse();
        assertThat(LedgerStatus.SUCCEEDED.replaces(LedgerStatus.FAILED)).isTrue();
        assertThat(LedgerStatus.RUNNING.replaces(LedgerStatus.FAILED)).isFalse();
    }

    @Test
    void statusesParseCaseInsensitively_andUnknownOnesAreRefusedByName() {
        assertThat(LedgerStatus.parse(" succeeded ")).isEqualTo(LedgerStatus.SUCCEEDED);
        assertThatThrownBy(() -> LedgerStatus.parse("DONE")).hasMessageContaining("Unknown ledger status 'DONE'");
    }

    @Test
    void aRunIsKeyedByItsOnPremRun_elseByItsOwnStart_toTheMicrosecond() {
        TableRef table = new TableRef("sales", "orders");
        PartitionSpec partition = PartitionSpec.parse("ds=2024-05-01");
        Instant started = Instant.parse("2024-05-02T10:00:00.123456789Z");
        RunIdentity mirroring = new RunIdentity("r1", "j1", table, partition, Instant.parse("2024-05-01T02:00:00Z"), "GCP", started);
        RunIdentity adHoc = new RunIdentity("r2", "j2", table, partition, null, "GCP", started);

        assertThat(LedgerKey.of(mirroring).tdTimestamp()).isEqualTo(Instant.parse("2024-05-01T02:00:00Z"));
        assertThat(LedgerKey.of(adHoc).tdTimestamp()).isEqualTo(Instant.parse("2024-05-02T10:00:00.123456Z"));
        assertThat(LedgerKey.of(adHoc)).isEqualTo(new LedgerKey("sales", "orders", started, "GCP"));
        assertThat(LedgerKey.of(mirroring).inEnvironment("ONPREM").environment()).isEqualTo("ONPREM");
    }
}
