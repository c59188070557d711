package org.runreplicator.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.run.PartitionSpec;

class PartitionCommitterTest {
    private static final PartitionSpec DS = PartitionSpec.parse("ds=2024-05-01");

    @TempDir
    java.nio.file.Path temp;
    private FileSystem fs;
    private Path tableDir;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        tableDir = new Path(temp.toUri().toString(), "db/t");
    }

    @Test
    void commitMakesExactlyTheRunsFilesVisible_andRemovesStaging() throws IOException {
        PartitionCommitter run = PartitionCommitter.begin(fs, tableDir, DS, "run-1");
        List<WrittenFile> files = List.of(write(run.attemptDir(0, 1), "part-00000-00000.parquet", 10),
                write(run.attemptDir(1, 2), "part-00001-00000.parquet", 5));

        Path location = run.commit(files, "job-1", "db.t");

        assertThat(dataFiles(location)).containsExactly("part-00000-00000.parquet", "part-00001-00000.parquet");
        PartitionManifest manifest = PartitionManifest.readFrom(fs, location);
        assertThat(manifest.runId).isEqualTo("run-1");
        assertThat(manifest.rows).isEqualTo(15);
        assertThat(manifest.files).extracting(e -> e.file).containsExactly("part-00000-00000.parquet", "part-00001-00000.parquet");
        assertThat(fs.exists(new Path(tableDir, "_staging/ds=2024-05-01"))).isFalse();
    }

    @Test
    void secondRunReplacesThePartition_neverAppends() throws IOException {
        PartitionCommitter first = PartitionCommitter.begin(fs, tableDir, DS, "run-1");
        first.commit(List.of(write(first.attemptDir(0, 1), "part-00000-00000.parquet", 10),
                write(first.attemptDir(1, 1), "part-00001-00000.parquet", 10)), "job-1", "db.t");

        PartitionCommitter second = PartitionCommitter.begin(fs, tableDir, DS, "run-2");
        Path location = second.commit(List.of(write(second.attemptDir(0, 1), "part-00000-00000.parquet", 3)), "job-2", "db.t");

        assertThat(dataFiles(location)).containsExactly("part-00000-00000.parquet");
        assertThat(content(new Path(location, "part-00000-00000.parquet"))).isEqualTo("rows=3");
        assertThat(PartitionManifest.readFrom(fs, location).runId).isEqualTo("run-2");
    }

    @Test
    void abortedRunLeavesThePreviousPartitionVisible_andItsOwnFilesGone() throws IOException {
        PartitionCommitter first = PartitionCommitter.begin(fs, tableDir, DS, "run-1");
        Path location = first.commit(List.of(write(first.attemptDir(0, 1), "part-00000-00000.parquet", 10)), "job-1", "db.t");

        PartitionCommitter failed = PartitionCommitter.begin(fs, tableDir, DS, "run-2");
        write(failed.attemptDir(0, 1), "part-00000-00000.parquet", 99);
        failed.abort();

        assertThat(dataFiles(location)).containsExactly("part-00000-00000.parquet");
        assertThat(content(new Path(location, "part-00000-00000.parquet"))).isEqualTo("rows=10");
        assertThat(allFiles()).noneMatch(f -> f.contains("run-2"));
    }

    @Test
    void discardedAttemptNeverReachesThePartition() throws IOException {
        PartitionCommitter run = PartitionCommitter.begin(fs, tableDir, DS, "run-1");
        write(run.attemptDir(0, 1), "part-00000-00000.parquet", 7);
        run.discard(run.attemptDir(0, 1));
        WrittenFile retried = write(run.attemptDir(0, 2), "part-00000-00000.parquet", 7);

        Path location = run.commit(List.of(retried), "job-1", "db.t");

        assertThat(dataFiles(location)).containsExactly("part-00000-00000.parquet");
        assertThat(PartitionManifest.readFrom(fs, location).rows).isEqualTo(7);
    }

    @Test
    void commitFails_whenAnotherRunReplacedThePartitionMeanwhile() throws IOException {
        PartitionCommitter slow = PartitionCommitter.begin(fs, tableDir, DS, "run-slow");
        WrittenFile slowFile = write(slow.attemptDir(0, 1), "part-00000-00000.parquet", 1);
        PartitionCommitter fast = PartitionCommitter.begin(fs, tableDir, DS, "run-fast");
        Path location = fast.commit(List.of(write(fast.attemptDir(0, 1), "part-00000-00000.parquet", 2)), "job", "db.t");

        assertThatThrownBy(() -> slow.commit(List.of(slowFile), "job", "db.t"))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("run-fast replaced it")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.TARGET));
        assertThat(PartitionManifest.readFrom(fs, location).runId).isEqualTo("run-fast");
        assertThat(content(new Path(location, "part-00000-00000.parquet"))).isEqualTo("rows=2");
    }

    @Test
    void otherPartitionsAreUntouched() throws IOException {
        PartitionCommitter may = PartitionCommitter.begin(fs, tableDir, PartitionSpec.parse("ds=2024-05-02"), "run-1");
        Path other = may.commit(List.of(write(may.attemptDir(0, 1), "part-00000-00000.parquet", 4)), "job", "db.t");
        PartitionCommitter run = PartitionCommitter.begin(fs, tableDir, DS, "run-2");
        run.commit(List.of(write(run.attemptDir(0, 1), "part-00000-00000.parquet", 1)), "job", "db.t");

        assertThat(content(new Path(other, "part-00000-00000.parquet"))).isEqualTo("rows=4");
    }

    @Test
    void objectStoresAreRefused_untilTheirPointerCommitExists() {
        assertThatThrownBy(() -> PartitionCommitter.requireAtomicRename(java.net.URI.create("gs://bucket/replica")))
                .isInstanceOf(ReplicatorException.class)
                .hasMessageContaining("gs:// has no atomic directory rename")
                .satisfies(e -> assertThat(((ReplicatorException) e).kind()).isEqualTo(FailureKind.USAGE));
        PartitionCommitter.requireAtomicRename(java.net.URI.create("hdfs://nn:8020/replica"));
        PartitionCommitter.requireAtomicRename(temp.toUri());
    }

    private WrittenFile write(Path dir, String name, long rows) throws IOException {
        Path file = new Path(dir, name);
        try (OutputStream out = fs.create(file)) {
            out.write(("rows=" + rows).getBytes(StandardCharsets.UTF_8));
        }
        return new WrittenFile(file.toString(), rows, fs.getFileStatus(file).getLen());
    }

    private String content(Path file) throws IOException {
        try (var in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What a reader listing the partition sees: files not under a _ or . component. */
    private List<String> dataFiles(Path partition) throws IOException {
        List<String> names = new ArrayList<>();
        for (var status : fs.listStatus(partition)) {
            String name = status.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private List<String> allFiles() throws IOException {
        try (Stream<java.nio.file.Path> walk = Files.walk(temp)) {
            return walk.map(java.nio.file.Path::toString).collect(Collectors.toList());
        }
    }
}
