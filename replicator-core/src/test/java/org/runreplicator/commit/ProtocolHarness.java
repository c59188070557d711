package org.runreplicator.commit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.runreplicator.PartitionSpec;
import org.runreplicator.RunIdentity;
import org.runreplicator.parquet.WrittenFile;
import org.runreplicator.source.TableRef;
import org.runreplicator.testing.TestStore;

/**
 * Drives the commit protocol on a real store the way a run does, with small data files whose
 * content names their run and split, and reads the partition back as each kind of reader does:
 * through the commit log, and by listing the partition path.
 */
final class ProtocolHarness {
    static final PartitionSpec DS = PartitionSpec.parse("ds=2024-05-01");
    static final TableRef TABLE = new TableRef("sales", "orders");

    final TestStore test;
    final CommitStore store;
    final FileSystem fs;
    final TableLocation location;

    ProtocolHarness(TestStore test) {
        this.test = test;
        this.store = CommitProtocols.store(test.target(), test.conf());
        this.fs = store.fileSystem();
        this.location = TableLocation.of(test.target(), TABLE);
    }

    CommitProtocol protocol() {
        return protocol(store, List.of());
    }

    CommitProtocol protocol(CommitStore over, List<VersionPublisher> publishers) {
        return new VersionedCommitProtocol(over, location, publishers, Clock.systemUTC());
    }

    static RunIdentity run(String runId) {
        return new RunIdentity(runId, "job-" + runId, TABLE, DS, Instant.parse("2024-05-01T02:00:00Z"), "GCP", Instant.now());
    }

    static LeasePolicy lease(Duration ttl, Duration wait) {
        return new LeasePolicy(ttl, wait);
    }

    /** Writes {@code count} files as split attempts of {@code runId} would: file i holds "runId/i". */
    List<WrittenFile> writeFiles(PartitionWrite write, String runId, int count) {
        List<WrittenFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = new Path(write.attemptDir(i, 1), String.format("part-%05d-00000.parquet", i));
            byte[] content = (runId + "/" + i).getBytes(UTF_8);
            try (OutputStream out = fs.create(file, false)) {
                out.write(content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.add(new WrittenFile(fs.makeQualified(file).toString(), 10L * (i + 1), content.length));
        }
        return files;
    }

    /** A whole run: begin, write, commit, close. */
    CommittedVersion commitRun(CommitProtocol protocol, String runId, int files, LeasePolicy policy) {
        try (PartitionWrite write = protocol.begin(run(runId), policy)) {
            return write.commit(writeFiles(write, runId, files), TABLE.toString());
        }
    }

    CommittedVersion commitRun(String runId, int files) {
        return commitRun(protocol(), runId, files, LeasePolicy.defaults());
    }

    /** What a reader of the commit log sees: the contents of the files the current entry names. */
    List<String> logView() throws IOException {
        Optional<CommittedVersion> current = CommittedVersion.current(fs, location, DS);
        List<String> contents = new ArrayList<>();
        if (current.isPresent()) {
            for (Path file : current.get().files()) {
                contents.add(read(file));
            }
        }
        return contents;
    }

    /** What a reader listing the partition path sees: visible files' contents grouped by run. */
    Map<String, TreeSet<Integer>> pathView() throws IOException {
        Map<String, TreeSet<Integer>> runs = new TreeMap<>();
        Path partition = location.partitionDir(DS);
        if (!fs.exists(partition)) {
            return runs;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(partition, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            String relative = partition.toUri().relativize(file.toUri()).getPath();
            if (visible(relative) && file.getName().endsWith(".parquet")) {
                String[] content = read(file).split("/");
                runs.computeIfAbsent(content[0], k -> new TreeSet<>()).add(Integer.parseInt(content[1]));
            }
        }
        return runs;
    }

    /** Staging and retired versions left in the control area. */
    List<String> leftovers() throws IOException {
        List<String> left = new ArrayList<>();
        for (Path dir : List.of(location.runsDir(DS), location.retiredDir(DS))) {
            for (FileStatus status : store.list(dir)) {
                left.add(status.getPath().toString());
            }
        }
        return left;
    }

    /** Visible entries directly under the partition path. */
    List<String> versions() throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus status : store.list(location.partitionDir(DS))) {
            if (TableLocation.isVisible(status.getPath().getName())) {
                names.add(status.getPath().getName());
            }
        }
        names.sort(null);
        return names;
    }

    static List<String> expected(String runId, int files) {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            contents.add(runId + "/" + i);
        }
        return contents;
    }

    static Map<String, TreeSet<Integer>> whole(String runId, int files) {
        TreeSet<Integer> all = new TreeSet<>();
        for (int i = 0; i < files; i++) {
            all.add(i);
        }
        return Map.of(runId, all);
    }

    private String read(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static boolean visible(String relative) {
        for (String part : relative.split("/")) {
            if (!part.isEmpty() && !TableLocation.isVisible(part)) {
                return false;
            }
        }
        return true;
    }
}
