package org.runreplicator.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What one benchmark invocation runs, parsed once from the command line of {@link Benchmark}. */
final class BenchSettings {
    long rows = 1_000_000;
    int repeats = 3;
    int splits = 8;
    int connections = 2;
    int fetchSize = 10_000;
    String heap = "2g";
    /** More options for every Run Replicator contestant's command line ({@code --replicator-args "--parquet-flavor modern"}). */
    List<String> replicatorArgs = List.of();
    boolean profile = true;
    List<Contestant> contestants = new ArrayList<>(List.of(Contestant.RAW_DRAIN, Contestant.REPLICATOR_LOCAL, Contestant.SPARK_JDBC));
    String url;
    String user;
    Path benchHome;
    Path replicatorHome;
    Path work;

    static BenchSettings parse(String[] args) {
        BenchSettings s = new BenchSettings();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--rows" -> s.rows = Long.parseLong(value.replace("_", ""));
                case "--repeats" -> s.repeats = Integer.parseInt(value);
                case "--splits" -> s.splits = Integer.parseInt(value);
                case "--connections" -> s.connections = Integer.parseInt(value);
                case "--fetch-size" -> s.fetchSize = Integer.parseInt(value);
                case "--heap" -> s.heap = value;
                case "--replicator-args" -> s.replicatorArgs = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                case "--profile" -> s.profile = Boolean.parseBoolean(value);
                case "--contestants" -> s.contestants = Contestant.parseList(value);
                case "--url" -> s.url = value;
                case "--user" -> s.user = value;
                case "--bench-home" -> s.benchHome = Path.of(value).toAbsolutePath();
                case "--replicator-home" -> s.replicatorHome = Path.of(value).toAbsolutePath();
                case "--work" -> s.work = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + name);
            }
        }
        if (s.url == null || s.user == null || s.benchHome == null || s.replicatorHome == null || s.work == null) {
            throw new IllegalArgumentException("--url, --user, --bench-home, --replicator-home and --work are required");
        }
        if (s.rows < 5 || s.rows % 5 != 0 || s.repeats < 1 || s.splits < 1 || s.connections < 1) {
            throw new IllegalArgumentException("Need --rows a positive multiple of 5, --repeats, --splits and --connections at least 1");
        }
        return s;
    }

    String describe() {
        return rows + " rows, " + splits + " splits, " + connections + " concurrent connections, fetch size " + fetchSize
                + ", -Xmx" + heap + ", " + repeats + " rounds" + (replicatorArgs.isEmpty() ? "" : ", Run Replicator with "
                + String.join(" ", replicatorArgs));
    }
}
