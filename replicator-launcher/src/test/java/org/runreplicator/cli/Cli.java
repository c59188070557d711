package org.runreplicator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with captured streams and a given environment. */
record Cli(int exitCode, String out, String err) {
    /** Options that let a run or plan get past resolution: a source and a target. */
    static final List<String> SOURCE_AND_TARGET = List.of("--source-url", "jdbc:h2:mem:cli_test", "--target", "file:///data/out");

    static Cli run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Replicator.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * Checks the JSON line a failed {@code run} ends stdout with: the only stdout line, status
     * FAILED with this exit status, nothing committed, and the same message as the stderr line.
     */
    void assertRunFailureSummary() {
        List<String> lines = out.isEmpty() ? List.of() : Arrays.asList(out.split("\\R"));
        if (lines.size() != 1) {
            throw new AssertionError("Expected one JSON line on stdout, got: " + out);
        }
        try {
            JsonNode summary = new ObjectMapper().readTree(lines.get(0));
            String line = errLines().isEmpty() ? "" : errLines().get(errLines().size() - 1).replaceFirst("^replicator: ", "");
            if (!summary.path("status").asText().equals("FAILED") || summary.path("exitCode").asInt() != exitCode
                    || summary.path("committed").asBoolean(true) || !summary.path("message").asText().equals(line)) {
                throw new AssertionError("Unexpected failure summary " + lines.get(0) + " for exit " + exitCode + " and " + err);
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON on stdout: " + out, e);
        }
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : Arrays.asList(err.split("\\R"));
    }

    /** {@code command DB TABLE} followed by a source, a target and {@code more}. */
    static String[] copyArgs(String command, String db, String table, String... more) {
        String[] head = {command, db, table};
        String[] result = Arrays.copyOf(head, head.length + SOURCE_AND_TARGET.size() + more.length);
        for (int i = 0; i < SOURCE_AND_TARGET.size(); i++) {
            result[head.length + i] = SOURCE_AND_TARGET.get(i);
        }
        System.arraycopy(more, 0, result, head.length + SOURCE_AND_TARGET.size(), more.length);
        return result;
    }
}
