package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.runreplicator.bench.TrafficWindowTest.request;
import static org.runreplicator.bench.TrafficWindowTest.window;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GcsCommitReportTest {
    private static final GcsCommitSettings.PartitionSize ONE_GB = new GcsCommitSettings.PartitionSize("1 GB", 1_000_000_000L, 8_583_690);
    private static final String OBJECT = "/storage/v1/b/bench/o/x";

    private final TrafficWindow copy = window(
            request("PUT", "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=A", 25_165_824, 2_000_000_000L),
            request("PUT", "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=A", 1_000_000, 9_500_000_000L));
    private final TrafficWindow commit = window(
            request("GET", OBJECT, 0, 1),
            request("POST", OBJECT + "/copyTo/b/bench/o/y", 0, 2, 123_000_000),
            request("DELETE", OBJECT, 0, 3),
            request("PUT", "/upload/storage/v1/b/bench/o?uploadType=resumable&upload_id=C", 700, 4));
    private final TrafficWindow after = window(request("DELETE", OBJECT, 0, 5));

    @Test
    void theCommitTableShowsTimesBytesAndWhatTheRequestsWere() {
        String md = new GcsCommitReport(List.of(run("first", null))).render();

        assertThat(md).contains("| 1 GB | first | 4 | 1,000,123,456 | 0.210 / 0.209 | "
                + GcsCommitReport.bytes(commit.bytesToServer()) + " | 700 (700) | 0 | 4: copy 1, delete 1, metadata 1, upload 1 | copy 0.123 |");
    }

    @Test
    void theSecondTableShowsHowFilesStreamedAndWhatTheListerSaw_andADashWhereNothingWasWatched() {
        VisibilityWindow seen = new VisibilityWindow(30, 12_340_000, OptionalLong.of(30_050_000), 5, 2, 3_000_000);
        String md = new GcsCommitReport(List.of(run("first", null), run("replace", seen))).render();

        assertThat(md).contains("| 1 GB | first | 8,583,690 | 61.5 | " + GcsCommitReport.bytes(copy.bytesToServer()) + " | "
                + GcsCommitReport.bytes(after.bytesToServer()) + " | 2 (25.2) | 7.5–7.5 | - | - | 600 | 300 | 250 |");
        assertThat(md).contains("| 12.3–30.1 ms | 30 / 5 / 2 (3.0 ms each) |");
    }

    @Test
    void aWindowWithoutAnUpperBoundSaysAtLeast() {
        VisibilityWindow open = new VisibilityWindow(3, 5_000_000, OptionalLong.empty(), 1, 0, 1_000_000);

        assertThat(GcsCommitReport.window(open)).isEqualTo(">= 5.0 ms");
    }

    @Test
    void unparsedBytesAreOwnedUpTo() {
        TrafficWindow partial = new TrafficWindow(900, 0, 800, List.of(request("GET", OBJECT, 0, 1)));

        assertThat(GcsCommitReport.requests(partial)).isEqualTo("1: metadata 1; 800 bytes not parsed");
    }

    private CommitRun run(String kind, VisibilityWindow visibility) {
        return new CommitRun(ONE_GB, kind, 8_583_690, 4, 1_000_123_456L, 250_000_000L, 61.5, 0.2104, 0.2093, copy, commit, after,
                600_000_000L, 300_000_000L, visibility);
    }
}
