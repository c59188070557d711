package org.runreplicator.commit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A partition's commit log, {@code <partition>/_commits/0000000042.json}: one entry per commit,
 * the highest sequence current. Appending sequence N+1 is an exclusive create, so of two runs
 * that both read N as current only one can commit: the store, not a check, decides.
 */
final class CommitLog {
    /** Entries kept after a commit: enough to see recent history, few enough to list quickly. */
    static final int KEEP = 10;

    private final CommitStore store;
    private final Path dir;

    CommitLog(CommitStore store, Path dir) {
        this.store = store;
        this.dir = dir;
    }

    /** The current entry, or empty for a partition never committed by a run. */
    Optional<PartitionManifest> current() throws IOException {
        List<Long> sequences = sequences();
        return sequences.isEmpty() ? Optional.empty() : read(sequences.get(sequences.size() - 1));
    }

    /** Entry {@code sequence}, if it exists. */
    Optional<PartitionManifest> read(long sequence) throws IOException {
        Optional<byte[]> bytes = store.read(path(sequence));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PartitionManifest.fromJson(bytes.get()));
        } catch (IOException e) {
            throw new IOException("Unreadable commit log entry " + path(sequence) + ": " + e.getMessage(), e);
        }
    }

    /** Appends {@code entry} at its sequence; false if that sequence is already taken. */
    boolean append(PartitionManifest entry) throws IOException {
        return store.createExclusive(path(entry.sequence), entry.toJson());
    }

    /** Deletes all but the newest {@link #KEEP} entries. */
    void prune() throws IOException {
        List<Long> sequences = sequences();
        for (int i = 0; i < sequences.size() - KEEP; i++) {
            store.delete(path(sequences.get(i)));
        }
    }

    Path path(long sequence) {
        return new Path(dir, String.format(Locale.ROOT, "%010d.json", sequence));
    }

    private List<Long> sequences() throws IOException {
        List<Long> sequences = new ArrayList<>();
        for (FileStatus entry : store.list(dir)) {
            String name = entry.getPath().getName();
            if (name.matches("\\d{10}\\.json")) {
                sequences.add(Long.parseLong(name.substring(0, 10)));
            }
        }
        sequences.sort(null);
        return sequences;
    }
}
