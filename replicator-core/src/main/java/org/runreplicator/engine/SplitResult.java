package org.runreplicator.engine;

import java.util.List;
import org.runreplicator.parquet.WrittenFile;

/** A split that finished: its files (from its one successful attempt) and how many attempts it took. */
public final class SplitResult {
    private final int splitIndex;
    private final List<WrittenFile> files;
    private final int attempts;

    public SplitResult(int splitIndex, List<WrittenFile> files, int attempts) {
        this.splitIndex = splitIndex;
        this.files = List.copyOf(files);
        this.attempts = attempts;
    }

    public int splitIndex() {
        return splitIndex;
    }

    public List<WrittenFile> files() {
        return files;
    }

    public int attempts() {
        return attempts;
    }

    public long rows() {
        long rows = 0;
        for (WrittenFile file : files) {
            rows += file.rows();
        }
        return rows;
    }
}
