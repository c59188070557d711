package org.runreplicator.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.runreplicator.RunIdentity;

/** What a finished run did; printed as the one-line JSON that ends stdout. */
@JsonPropertyOrder({"status", "db", "table", "partition", "rows", "files", "bytes", "location", "jobId", "runId",
    "tdTimestamp", "environment", "splitMethod", "engine", "applicationId", "splitRows", "attempts", "seconds", "commitSeconds", "rowsPerSecond", "unfinished"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient RunIdentity run;

    @JsonProperty public final String status;
    @JsonProperty public final String db;
    @JsonProperty public final String table;
    @JsonProperty public final String partition;
    @JsonProperty public final long rows;
    @JsonProperty public final int files;
    @JsonProperty public final long bytes;
    @JsonProperty public final String location;
    @JsonProperty public final String jobId;
    @JsonProperty public final String runId;
    @JsonProperty public final String tdTimestamp;
    @JsonProperty public final String environment;
    @JsonProperty public final String splitMethod;
    /** The engine the splits ran on ({@code local}, {@code mapreduce}). */
    @JsonProperty public final String engine;
    /** The engine's own id for the run (the YARN application id), or null. */
    @JsonProperty public final String applicationId;
    @JsonProperty public final List<Long> splitRows;
    @JsonProperty public final int attempts;
    @JsonProperty public final double seconds;
    @JsonProperty public final double commitSeconds;
    @JsonProperty public final long rowsPerSecond;
    /** What failed after the commit point (the data is committed), or null. */
    @JsonProperty public final String unfinished;

    /**
     * @param location the committed version's directory, fully qualified
     * @param seconds the whole run's wall time
     * @param commitSeconds the commit's wall time, from publishing the files to the last pointer switch
     * @param unfinished what failed after the commit point, or null
     */
    public RunSummary(RunIdentity run, String status, long rows, int files, long bytes, String location, String splitMethod,
            List<Long> splitRows, int attempts, double seconds, double commitSeconds, String unfinished) {
        this(run, status, rows, files, bytes, location, splitMethod, "local", null, splitRows, attempts, seconds, commitSeconds,
                unfinished);
    }

    private RunSummary(RunIdentity run, String status, long rows, int files, long bytes, String location, String splitMethod,
            String engine, String applicationId, List<Long> splitRows, int attempts, double seconds, double commitSeconds,
            String unfinished) {
        this.run = run;
        this.status = status;
        this.db = run.table().database();
        this.table = run.table().table();
        this.partition = run.partition().toString();
        this.rows = rows;
        this.files = files;
        this.bytes = bytes;
        this.location = location;
        this.jobId = run.jobId();
        this.runId = run.runId();
        this.tdTimestamp = run.tdTimestamp() == null ? null : run.tdTimestamp().toString();
        this.environment = run.environment();
        this.splitMethod = splitMethod;
        this.engine = engine;
        this.applicationId = applicationId;
        this.splitRows = List.copyOf(splitRows);
        this.attempts = attempts;
        this.seconds = seconds;
        this.commitSeconds = commitSeconds;
        this.rowsPerSecond = seconds > 0 ? Math.round(rows / seconds) : rows;
        this.unfinished = unfinished;
    }

    /** This summary, saying which engine ran the splits and under which application id (null for none). */
    public RunSummary ranOn(String engineName, String engineApplicationId) {
        return new RunSummary(run, status, rows, files, bytes, location, splitMethod, engineName, engineApplicationId, splitRows,
                attempts, seconds, commitSeconds, unfinished);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render run summary", e);
        }
    }
}
