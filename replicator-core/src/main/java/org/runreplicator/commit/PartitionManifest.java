package org.runreplicator.commit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code _manifest.json} in a committed partition: which run wrote it and exactly which files
 * and rows belong to it. Readers that list the directory skip it (leading underscore); tools
 * and the committer's concurrency check read it.
 */
public final class PartitionManifest {
    public static final String FILE_NAME = "_manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One data file, by name relative to the partition directory. */
    public static final class Entry {
        @JsonProperty public final String file;
        @JsonProperty public final long rows;
        @JsonProperty public final long bytes;

        @JsonCreator
        public Entry(@JsonProperty("file") String file, @JsonProperty("rows") long rows, @JsonProperty("bytes") long bytes) {
            this.file = file;
            this.rows = rows;
            this.bytes = bytes;
        }
    }

    @JsonProperty public final String runId;
    @JsonProperty public final String jobId;
    @JsonProperty public final String source;
    @JsonProperty public final String committedAt;
    @JsonProperty public final long rows;
    @JsonProperty public final List<Entry> files;

    @JsonCreator
    public PartitionManifest(@JsonProperty("runId") String runId, @JsonProperty("jobId") String jobId,
            @JsonProperty("source") String source, @JsonProperty("committedAt") String committedAt,
            @JsonProperty("rows") long rows, @JsonProperty("files") List<Entry> files) {
        this.runId = runId;
        this.jobId = jobId;
        this.source = source;
        this.committedAt = committedAt;
        this.rows = rows;
        this.files = List.copyOf(files);
    }

    public void writeTo(FileSystem fs, Path partitionDir) throws IOException {
        try (OutputStream out = fs.create(new Path(partitionDir, FILE_NAME), false)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(out, this);
        }
    }

    /** The manifest of a committed partition, or null when the directory has none. */
    public static PartitionManifest readFrom(FileSystem fs, Path partitionDir) throws IOException {
        Path file = new Path(partitionDir, FILE_NAME);
        if (!fs.exists(file)) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return JSON.readValue(in, PartitionManifest.class);
        }
    }
}
