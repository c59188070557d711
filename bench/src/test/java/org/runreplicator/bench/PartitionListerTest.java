package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionListerTest {
    private static final String PREFIX = "t/bench/wide/ds=2026-01-01/";

    @Test
    void countsDataFilesPerVersionDirectory_notPlaceholdersOrTheCommitLog() throws IOException {
        String json = "{\"kind\":\"storage#objects\",\"items\":["
                + item("t/bench/wide/ds=2026-01-01/") + ","
                + item(PREFIX + "run-a/") + ","
                + item(PREFIX + "run-a/part-0.parquet") + ","
                + item(PREFIX + "run-a/part-1.parquet") + ","
                + item(PREFIX + "run-b/part-0.parquet") + ","
                + item(PREFIX + "_commits/0000000001.json") + ","
                + item(PREFIX + ".hidden/x") + ","
                + item(PREFIX + "stray-file") + ","
                + item("t/bench/wide/ds=2026-01-02/run-a/part-0.parquet")
                + "]}";

        assertThat(PartitionLister.filesByVersion(json, PREFIX)).isEqualTo(Map.of("run-a", 2, "run-b", 1));
    }

    @Test
    void anEmptyPartitionHasNoVersions() throws IOException {
        assertThat(PartitionLister.filesByVersion("{\"kind\":\"storage#objects\"}", PREFIX)).isEmpty();
    }

    @Test
    void aListingOfMoreThanOnePageIsRefused_ratherThanMiscounted() {
        assertThatThrownBy(() -> PartitionLister.filesByVersion("{\"items\":[],\"nextPageToken\":\"x\"}", PREFIX))
                .isInstanceOf(IOException.class).hasMessageContaining("more than one page");
    }

    private static String item(String name) {
        return "{\"kind\":\"storage#object\",\"name\":\"" + name + "\",\"bucket\":\"replicator-bench\",\"size\":\"12\"}";
    }
}
