package org.runreplicator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.runreplicator.FailureKind;
import org.runreplicator.RunIdentity;

/**
 * The JSON line a failed {@code run} ends stdout with, so a scheduler that parses the last line
 * always finds one: {@code status} FAILED, the failure kind and exit status, the one-line message,
 * the run's identity when it had one, and {@code committed: false} (a run that committed and then
 * failed prints its committed summary instead).
 */
final class FailureSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureSummary() {
    }

    static String json(FailureKind kind, int exitCode, String message, RunIdentity run) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "FAILED");
        fields.put("failure", kind.name());
        fields.put("exitCode", exitCode);
        fields.put("message", message);
        if (run != null) {
            fields.put("db", run.table().database());
            fields.put("table", run.table().table());
            fields.put("partition", run.partition().toString());
            fields.put("jobId", run.jobId());
            fields.put("runId", run.runId());
            fields.put("tdTimestamp", run.tdTimestamp() == null ? null : run.tdTimestamp().toString());
            fields.put("environment", run.environment());
        }
        fields.put("committed", false);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the failure summary", e);
        }
    }
}
