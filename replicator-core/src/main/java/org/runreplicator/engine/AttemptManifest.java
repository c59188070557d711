package org.runreplicator.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.parquet.WrittenFile;

/**
 * What one successful split attempt wrote: its files with their rows and bytes. The attempt
 * writes it last, beside its files ({@value #NAME}), so a manifest exists only for an attempt
 * that finished; an engine that picks a winner among several attempts copies the winner's to
 * the split's directory ({@value #WINNER}). Small JSON, read by the driver to commit.
 */
public final class AttemptManifest {
    public static final String NAME = "_attempt.json";
    public static final String WINNER = "_winner.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonProperty public final int split;
    @JsonProperty public final int attempt;
    @JsonProperty public final long rows;
    @JsonProperty public final long bytes;
    @JsonProperty public final List<WrittenFile> files;

    @JsonCreator
    public AttemptManifest(@JsonProperty("split") int split, @JsonProperty("attempt") int attempt,
            @JsonProperty("rows") long rows, @JsonProperty("bytes") long bytes, @JsonProperty("files") List<WrittenFile> files) {
        this.split = split;
        this.attempt = attempt;
        this.rows = rows;
        this.bytes = bytes;
        this.files = List.copyOf(files);
    }

    public static AttemptManifest of(int split, int attempt, List<WrittenFile> written) {
        long rows = 0;
        long bytes = 0;
        for (WrittenFile file : written) {
            rows += file.rows();
            bytes += file.bytes();
        }
        return new AttemptManifest(split, attempt, rows, bytes, written);
    }

    /** Writes this manifest to {@code path}, replacing any there. */
    public void write(FileSystem fs, Path path) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(JSON.writeValueAsBytes(this));
        }
    }

    public static AttemptManifest read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return JSON.readValue(in, AttemptManifest.class);
        }
    }
}
