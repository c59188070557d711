package org.runreplicator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The extractors compared, each run as its own process so its peak memory is its own. */
enum Contestant {
    RAW_DRAIN("raw JDBC drain", false),
    REPLICATOR_LOCAL("Run Replicator (local)", true),
    SPARK_JDBC("Spark 3.5 JDBC", true),
    REPLICATOR_MAPREDUCE("Run Replicator (MapReduce, local runner)", true),
    /** The job jar as {@code hadoop jar} runs it, submitting to a mini YARN cluster ({@link MiniYarnProcess}); maps in containers. */
    REPLICATOR_YARN("Run Replicator (MapReduce, mini YARN cluster)", true);

    /** Spark on JDK 17 outside spark-submit needs these modules opened to it. */
    private static final List<String> SPARK_OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.nio", "java.base/sun.nio.ch", "java.base/java.util", "java.base/java.util.concurrent",
            "java.base/sun.nio.cs", "java.base/sun.security.action", "java.base/java.io", "java.base/java.net",
            "java.base/sun.util.calendar", "java.base/java.lang.reflect", "java.base/java.util.concurrent.atomic");

    private final String label;
    private final boolean writesParquet;

    Contestant(String label, boolean writesParquet) {
        this.label = label;
        this.writesParquet = writesParquet;
    }

    String label() {
        return label;
    }

    boolean writesParquet() {
        return writesParquet;
    }

    static List<Contestant> parseList(String names) {
        return Arrays.stream(names.split(",")).map(n -> valueOf(n.trim().toUpperCase().replace('-', '_')))
                .collect(Collectors.toList());
    }

    /** The command that copies (or drains) {@code table} into {@code output}; {@code jvmOptions} go to its JVM. */
    List<String> command(BenchSettings s, BenchTable table, Path output, List<String> jvmOptions) throws IOException {
        Path replicator = s.replicatorHome;
        Path launcherJar = replicator.resolve("replicator-launcher/target/replicator-launcher-0.1.0-SNAPSHOT.jar");
        Path benchClasses = s.benchHome.resolve("target/classes");
        List<String> cmd = new ArrayList<>();
        switch (this) {
            case RAW_DRAIN -> {
                cmd.add("java");
                cmd.addAll(jvmOptions);
                cmd.addAll(List.of("-cp", benchClasses + ":" + launcherJar, RawDrain.class.getName(), s.url, s.user,
                        BenchTable.SCHEMA, table.tableName(), BenchTable.KEY, "" + s.splits, "" + s.connections, "" + s.fetchSize));
            }
            case SPARK_JDBC -> {
                String classpath = Files.readString(s.benchHome.resolve("target/bench.classpath")).trim();
                cmd.add("java");
                cmd.addAll(jvmOptions);
                SPARK_OPENS.forEach(m -> cmd.add("--add-opens=" + m + "=ALL-UNNAMED"));
                cmd.addAll(List.of("-cp", benchClasses + ":" + classpath, SparkJdbcCopy.class.getName(), s.url, s.user,
                        table.qualified(), BenchTable.KEY, "" + s.splits, "" + s.connections, "" + s.fetchSize,
                        output.toString()));
            }
            case REPLICATOR_LOCAL, REPLICATOR_MAPREDUCE, REPLICATOR_YARN -> {
                if (this == REPLICATOR_YARN) {
                    // As hadoop jar runs it: the cluster's configuration directory, the job jar, Hadoop's client jars.
                    String provided = Files.readString(replicator.resolve("replicator-launcher/target/provided.classpath")).trim();
                    cmd.add("java");
                    cmd.addAll(jvmOptions);
                    cmd.addAll(List.of("-cp", MiniYarnProcess.confDir(s) + ":" + launcherJar + ":" + provided,
                            "org.runreplicator.cli.Replicator"));
                } else {
                    cmd.add(replicator.resolve("bin/replicator").toString());
                }
                cmd.addAll(List.of("run", BenchTable.SCHEMA, table.tableName(),
                        "--source-url", s.url, "--source-user", s.user, "--source-password-env", "BENCH_PGPASSWORD",
                        "--target", output.toUri().toString(), "--split-method", "range", "--split-by", BenchTable.KEY,
                        "--splits", "" + s.splits, "--max-connections", "" + s.connections, "--fetch-size", "" + s.fetchSize,
                        "--compression", "snappy", "--progress-interval", "3600"));
                cmd.addAll(s.replicatorArgs);
                if (this == REPLICATOR_MAPREDUCE) {
                    cmd.addAll(List.of("--engine", "mapreduce", "-D", "mapreduce.framework.name=local"));
                } else if (this == REPLICATOR_YARN) {
                    cmd.addAll(List.of("--engine", "mapreduce", "--metastore", "none"));
                }
            }
        }
        return cmd;
    }

    /** Environment for the process: bin/replicator takes its JVM options from a variable. */
    Map<String, String> environment(List<String> jvmOptions) {
        if (this == REPLICATOR_LOCAL || this == REPLICATOR_MAPREDUCE) {
            return Map.of("REPLICATOR_JAVA_OPTS", String.join(" ", jvmOptions));
        }
        return Map.of();
    }
}
