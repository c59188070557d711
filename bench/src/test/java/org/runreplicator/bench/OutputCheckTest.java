package org.runreplicator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCheckTest {

    @Test
    void dataFilesAreParquetFilesOutsideUnderscoreAndDotPaths(@TempDir Path output) throws Exception {
        Path partition = Files.createDirectories(output.resolve("bench/wide/ds=2024-05-01"));
        Files.writeString(partition.resolve("split-00000-00000.parquet"), "x");
        Files.writeString(partition.resolve("_manifest.json"), "{}");
        Files.writeString(Files.createDirectories(output.resolve("bench/wide/_staging/a")).resolve("split-1.parquet"), "x");
        Files.writeString(output.resolve(".part-0.parquet.crc"), "x");
        Files.writeString(output.resolve("part-00000-abc.snappy.parquet"), "x");

        assertThat(OutputCheck.dataFiles(output)).containsExactly(
                partition.resolve("split-00000-00000.parquet"), output.resolve("part-00000-abc.snappy.parquet"));
    }
}
