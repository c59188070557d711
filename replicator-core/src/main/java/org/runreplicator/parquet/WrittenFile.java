package org.runreplicator.parquet;

import java.io.Serializable;
import java.util.Objects;

/** A finished Parquet file: where it is (a Hadoop path URI string), how many rows and bytes it holds. */
public final class WrittenFile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final long rows;
    private final long bytes;

    public WrittenFile(String path, long rows, long bytes) {
        this.path = Objects.requireNonNull(path, "path");
        this.rows = rows;
        this.bytes = bytes;
    }

    /** The fully qualified path, e.g. {@code file:/data/sales/orders/ds=2024-05-01/s00003-00000.parquet}. */
    public String path() {
        return path;
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WrittenFile)) {
            return false;
        }
        WrittenFile other = (WrittenFile) o;
        return path.equals(other.path) && rows == other.rows && bytes == other.bytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, rows, bytes);
    }

    @Override
    public String toString() {
        return path + " (" + rows + " rows, " + bytes + " bytes)";
    }
}
