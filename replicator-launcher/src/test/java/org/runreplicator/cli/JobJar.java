package org.runreplicator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the job jar as a cluster does: the shaded jar plus the Hadoop client jars the cluster provides, in a fresh JVM. */
public final class JobJar {
    static final Path TARGET = Paths.get("target");
    static final Path JAR = TARGET.resolve("replicator-launcher-0.1.0-SNAPSHOT.jar");

    /** How the process ended and what it printed. */
    public record Outcome(int exitCode, String out, String err) {
        public String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private JobJar() {
    }

    static String classpath() throws IOException {
        return JAR.toAbsolutePath() + File.pathSeparator + Files.readString(TARGET.resolve("provided.classpath")).trim();
    }

    static Outcome run(List<String> jvmOptions, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        return run(null, jvmOptions, env, timeout, args);
    }

    /**
     * Runs the jar with {@code confDir}'s {@code *-site.xml} first on the classpath, as
     * {@code hadoop jar} puts {@code HADOOP_CONF_DIR} there (null: no configuration directory).
     */
    public static Outcome run(Path confDir, List<String> jvmOptions, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        String classpath = confDir == null ? classpath() : confDir.toAbsolutePath() + File.pathSeparator + classpath();
        return run(Paths.get(System.getProperty("java.home"), "bin", "java"), classpath, jvmOptions, env, timeout, args);
    }

    /** Runs the jar's main class with {@code java} on {@code classpath} (which must hold the jar). */
    static Outcome run(Path java, String classpath, List<String> jvmOptions, Map<String, String> env, Duration timeout,
            String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "org.runreplicator.cli.Replicator"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("replicator-out", ".txt");
        Path err = Files.createTempFile("replicator-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).as("replicator finished within " + timeout).isTrue();
            return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
