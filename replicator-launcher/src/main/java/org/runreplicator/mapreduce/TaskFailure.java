package org.runreplicator.mapreduce;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.runreplicator.FailureKind;
import org.runreplicator.ReplicatorException;

/**
 * Why a map task's attempt failed, written beside its split ({@code _failure-<attempt>.json}) so
 * the driver fails the run with the failure's own kind and one clear, redacted message, which the
 * job's diagnostics alone cannot carry.
 */
final class TaskFailure {
    private static final String PREFIX = "_failure-";
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonProperty final int split;
    @JsonProperty final int attempt;
    @JsonProperty final String kind;
    @JsonProperty final boolean retriable;
    @JsonProperty final String message;

    @JsonCreator
    TaskFailure(@JsonProperty("split") int split, @JsonProperty("attempt") int attempt, @JsonProperty("kind") String kind,
            @JsonProperty("retriable") boolean retriable, @JsonProperty("message") String message) {
        this.split = split;
        this.attempt = attempt;
        this.kind = kind;
        this.retriable = retriable;
        this.message = message;
    }

    void write(FileSystem fs, Path splitDir) {
        try (OutputStream out = fs.create(new Path(splitDir, PREFIX + attempt + ".json"), true)) {
            out.write(JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            // The task fails either way; the driver then reports the job's own diagnostics.
        }
    }

    ReplicatorException asException() {
        FailureKind failureKind;
        try {
            failureKind = FailureKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            failureKind = FailureKind.INTERNAL;
        }
        return new ReplicatorException(failureKind, message, null);
    }

    /** Every failure recorded under {@code splitDir}, by attempt. */
    static List<TaskFailure> in(FileSystem fs, Path splitDir) throws IOException {
        List<TaskFailure> failures = new ArrayList<>();
        if (!fs.exists(splitDir)) {
            return failures;
        }
        for (FileStatus status : fs.listStatus(splitDir, path -> path.getName().startsWith(PREFIX))) {
            try (InputStream in = fs.open(status.getPath())) {
                failures.add(JSON.readValue(in, TaskFailure.class));
            }
        }
        failures.sort(Comparator.comparingInt(f -> f.attempt));
        return failures;
    }

    /** A recorded failure that no retry can mend, or null. */
    static TaskFailure permanentIn(FileSystem fs, Path splitDir) throws IOException {
        for (TaskFailure failure : in(fs, splitDir)) {
            if (!failure.retriable) {
                return failure;
            }
        }
        return null;
    }
}
