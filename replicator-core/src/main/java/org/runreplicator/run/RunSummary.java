package org.runreplicator.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** What a finished run did; printed as the one-line JSON that ends stdout. */
@JsonPropertyOrder({"status", "db", "table", "partition", "rows", "files", "bytes", "location", "jobId",
    "splitMethod", "splitRows", "attempts", "seconds", "rowsPerSecond"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonProperty public final String status;
    @JsonProperty public final String db;
    @JsonProperty public final String table;
    @JsonProperty public final String partition;
    @JsonProperty public final long rows;
    @JsonProperty public final int files;
    @JsonProperty public final long bytes;
    @JsonProperty public final String location;
    @JsonProperty public final String jobId;
    @JsonProperty public final String splitMethod;
    @JsonProperty public final List<Long> splitRows;
    @JsonProperty public final int attempts;
    @JsonProperty public final double seconds;
    @JsonProperty public final long rowsPerSecond;

    public RunSummary(String status, String db, String table, String partition, long rows, int files, long bytes,
            String location, String jobId, String splitMethod, List<Long> splitRows, int attempts, double seconds) {
        this.status = status;
        this.db = db;
        this.table = table;
        this.partition = partition;
        this.rows = rows;
        this.files = files;
        this.bytes = bytes;
        this.location = location;
        this.jobId = jobId;
        this.splitMethod = splitMethod;
        this.splitRows = List.copyOf(splitRows);
        this.attempts = attempts;
        this.seconds = seconds;
        this.rowsPerSecond = seconds > 0 ? Math.round(rows / seconds) : rows;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render run summary", e);
        }
    }
}
