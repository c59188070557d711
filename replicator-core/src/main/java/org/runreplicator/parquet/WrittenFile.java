package org.runreplicator.parquet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Objects;

/** A finished Parquet file: where it is (a Hadoop path URI string), how many rows and bytes it holds. */
public final class WrittenFile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final long rows;
    private final long bytes;

    @JsonCreator
    public WrittenFile(@JsonProperty("path") String path, @JsonProperty("rows") long rows, @JsonProperty("bytes") long bytes) {
        this.path = Objects.requireNonNull(path, "path");
        this.rows = rows;
        this.bytes = bytes;
    }

    /** The fully qualified path, e.g. {@code file:/data/sales/orders/ds=2024-05-01/s00003-00000.parquet}. */
    @JsonProperty("path")
    public String path() {
        return path;
    }

    @JsonProperty("rows")
    public long rows() {
        return rows;
    }

    @JsonProperty("bytes")
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
