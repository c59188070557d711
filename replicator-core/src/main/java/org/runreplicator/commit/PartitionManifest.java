package org.runreplicator.commit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One entry of a partition's commit log, {@code <partition>/_commits/<sequence>.json}: which run
 * committed which version, and exactly which files and rows belong to it. The entry with the
 * highest sequence is the partition's current content; readers that want the commit's
 * atomicity on any store read it and then the files it names.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class PartitionManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One data file, by name relative to the version directory. */
    @JsonIgnoreProperties(ignoreUnknown = true)
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

    @JsonProperty public final long sequence;
    @JsonProperty public final String runId;
    @JsonProperty public final String jobId;
    /** The source table exactly as named by the run, {@code db.table}. */
    @JsonProperty public final String source;
    @JsonProperty public final String partition;
    /** The version directory's name under the partition directory. */
    @JsonProperty public final String version;
    @JsonProperty public final String committedAt;
    @JsonProperty public final String tdTimestamp;
    @JsonProperty public final long rows;
    @JsonProperty public final long bytes;
    @JsonProperty public final List<Entry> files;

    @JsonCreator
    public PartitionManifest(@JsonProperty("sequence") long sequence, @JsonProperty("runId") String runId,
            @JsonProperty("jobId") String jobId, @JsonProperty("source") String source,
            @JsonProperty("partition") String partition, @JsonProperty("version") String version,
            @JsonProperty("committedAt") String committedAt, @JsonProperty("tdTimestamp") String tdTimestamp,
            @JsonProperty("rows") long rows, @JsonProperty("bytes") long bytes, @JsonProperty("files") List<Entry> files) {
        this.sequence = sequence;
        this.runId = runId;
        this.jobId = jobId;
        this.source = source;
        this.partition = partition;
        this.version = version;
        this.committedAt = committedAt;
        this.tdTimestamp = tdTimestamp;
        this.rows = rows;
        this.bytes = bytes;
        this.files = List.copyOf(files);
    }

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PartitionManifest fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, PartitionManifest.class);
    }
}
