package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

class ValueParsingTest {

    @Test
    void sizesTakeBinaryUnits() {
        assertThat(ByteSize.parse("1048576", "--target-file-size")).isEqualTo(1L << 20);
        assertThat(ByteSize.parse("512k", "--target-file-size")).isEqualTo(512L << 10);
        assertThat(ByteSize.parse("256M", "--target-file-size")).isEqualTo(256L << 20);
        assertThat(ByteSize.parse("1gb", "--target-file-size")).isEqualTo(1L << 30);
        assertThat(ByteSize.parseInt("64m", "--row-group-size")).isEqualTo(64 << 20);
    }

    @Test
    void sizesRejectNonsenseZeroAndOverflow() {
        for (String bad : new String[] {"", "m", "-1m", "1.5g", "0", "999999999999g"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad, "--target-file-size"))
                    .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
                    .hasMessageContaining("--target-file-size");
        }
    }

    @Test
    void tdTimestampWithOffsetOrZoneIsTheInstantItNames() {
        assertThat(TdTimestamp.parse("2024-05-01T02:30:00Z")).isEqualTo(Instant.parse("2024-05-01T02:30:00Z"));
        assertThat(TdTimestamp.parse("2024-05-01T04:30:00.123456+02:00")).isEqualTo(Instant.parse("2024-05-01T02:30:00.123456Z"));
        assertThat(TdTimestamp.parse("2024-01-01T00:00:00-08:00[America/Los_Angeles]")).isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    }

    @Test
    void tdTimestampWithoutOffsetIsTakenAsUtc_notAsTheJvmZone() {
        assertThat(java.util.TimeZone.getDefault().getID()).as("tests run outside UTC on purpose").isNotEqualTo("UTC");
        assertThat(TdTimestamp.parse("2024-05-01T23:30:00")).isEqualTo(Instant.parse("2024-05-01T23:30:00Z"));
    }

    @Test
    void tdTimestampThatIsNotIso8601IsAUsageError() {
        assertThatThrownBy(() -> TdTimestamp.parse("05/01/2024 02:30"))
                .isInstanceOfSatisfying(ReplicatorException.class, e -> assertThat(e.kind()).isEqualTo(FailureKind.USAGE))
                .hasMessageContaining("'05/01/2024 02:30'");
    }

    @Test
    void exitCodeFollowsTheFailureKind_andIsOneForAnythingElse() {
        assertThat(Replicator.exitCode(ReplicatorException.usage("x"))).isEqualTo(2);
        assertThat(Replicator.exitCode(ReplicatorException.source("x", null))).isEqualTo(3);
        assertThat(Replicator.exitCode(ReplicatorException.target("x", null))).isEqualTo(4);
        assertThat(Replicator.exitCode(new ReplicatorException(FailureKind.VALIDATION, "x"))).isEqualTo(5);
        assertThat(Replicator.exitCode(new IllegalStateException("x"))).isEqualTo(1);
    }
}
