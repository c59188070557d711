package org.runreplicator.commit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The content of one lease file: who holds the partition (run, job, host, process) and until
 * when. A holder is live until it releases the lease or its expiry passes, or, on the same host,
 * as soon as its process is gone (unless its last commit's outcome is unknown: then it holds until
 * expiry, so nothing touches what that commit may have published).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class LeaseRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    @JsonProperty final long epoch;
    @JsonProperty final String runId;
    @JsonProperty final String jobId;
    /** The source table the run copies, as the user named it. */
    @JsonProperty final String table;
    @JsonProperty final String host;
    @JsonProperty final long pid;
    /** The holder process's start, so a reused process id is not mistaken for the holder. */
    @JsonProperty final String processStart;
    @JsonProperty final String acquiredAt;
    @JsonProperty final String expiresAt;
    @JsonProperty final boolean released;
    @JsonProperty final boolean outcomeUnknown;

    @JsonCreator
    LeaseRecord(@JsonProperty("epoch") long epoch, @JsonProperty("runId") String runId, @JsonProperty("jobId") String jobId,
            @JsonProperty("table") String table, @JsonProperty("host") String host, @JsonProperty("pid") long pid, @JsonProperty("processStart") String processStart,
            @JsonProperty("acquiredAt") String acquiredAt, @JsonProperty("expiresAt") String expiresAt,
            @JsonProperty("released") boolean released, @JsonProperty("outcomeUnknown") boolean outcomeUnknown) {
        this.epoch = epoch;
        this.runId = runId;
        this.jobId = jobId;
        this.table = table;
        this.host = host;
        this.pid = pid;
        this.processStart = processStart;
        this.acquiredAt = acquiredAt;
        this.expiresAt = expiresAt;
        this.released = released;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** A record for this process holding epoch {@code epoch} until {@code expiresAt}. */
    static LeaseRecord forThisProcess(long epoch, String runId, String jobId, String table, Instant now, Instant expiresAt) {
        ProcessHandle self = ProcessHandle.current();
        String start = self.info().startInstant().map(Instant::toString).orElse(null);
        return new LeaseRecord(epoch, runId, jobId, table, localHost(), self.pid(), start, now.toString(), expiresAt.toString(),
                false, false);
    }

    LeaseRecord renewedUntil(Instant expiry) {
        return new LeaseRecord(epoch, runId, jobId, table, host, pid, processStart, acquiredAt, expiry.toString(), false, outcomeUnknown);
    }

    LeaseRecord releasedRecord() {
        return new LeaseRecord(epoch, runId, jobId, table, host, pid, processStart, acquiredAt, expiresAt, true, false);
    }

    /** Held until {@code expiry} even if this process ends: a commit's outcome is unknown. */
    LeaseRecord heldForUnknownOutcome(Instant expiry) {
        return new LeaseRecord(epoch, runId, jobId, table, host, pid, processStart, acquiredAt, expiry.toString(), false, true);
    }

    Instant expiry() {
        return Instant.parse(expiresAt);
    }

    boolean isLive(Instant now) {
        if (released || !now.isBefore(expiry())) {
            return false;
        }
        return outcomeUnknown || !localHost().equals(host) || processAlive();
    }

    private boolean processAlive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return processStart == null || start.isEmpty() || start.get().toString().equals(processStart);
    }

    String describe() {
        return "run " + runId + " (job " + jobId + (table == null ? "" : ", table " + table) + ") on " + host + ", process " + pid
                + ", since " + acquiredAt;
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LeaseRecord fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, LeaseRecord.class);
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
