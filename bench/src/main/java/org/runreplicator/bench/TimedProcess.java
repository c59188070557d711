package org.runreplicator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one contestant under {@code /usr/bin/time -v}: wall time measured around the whole
 * process (JVM start included, as a scheduler would see it), peak resident memory from the
 * kernel's accounting, and the last JSON line the process printed.
 */
final class TimedProcess {
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern CPU = Pattern.compile("(?:User|System) time \\(seconds\\): ([0-9.]+)");

    final double wallSeconds;
    final long peakRssKb;
    /** User plus system CPU time: on a small machine, where the wall time goes. */
    final double cpuSeconds;
    final String summaryJson;

    private TimedProcess(double wallSeconds, long peakRssKb, double cpuSeconds, String summaryJson) {
        this.wallSeconds = wallSeconds;
        this.peakRssKb = peakRssKb;
        this.cpuSeconds = cpuSeconds;
        this.summaryJson = summaryJson;
    }

    static TimedProcess run(List<String> command, Map<String, String> environment, Path logDir, String name)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path timeFile = logDir.resolve(name + ".time");
        Path stdout = logDir.resolve(name + ".out");
        Path stderr = logDir.resolve(name + ".err");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(name + " exited with status " + exit + "; see " + stderr + "\n"
                    + tail(stderr, 15));
        }
        String accounting = Files.readString(timeFile);
        Matcher rss = MAX_RSS.matcher(accounting);
        if (!rss.find()) {
            throw new IllegalStateException("No peak memory in " + timeFile);
        }
        double cpu = 0;
        for (Matcher m = CPU.matcher(accounting); m.find(); ) {
            cpu += Double.parseDouble(m.group(1));
        }
        String json = Files.readAllLines(stdout).stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(name + " printed no JSON summary; see " + stdout));
        return new TimedProcess(wall, Long.parseLong(rss.group(1)), cpu, json);
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
