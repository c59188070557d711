package org.runreplicator.cli;

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
