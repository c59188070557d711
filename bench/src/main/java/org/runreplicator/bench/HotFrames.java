package org.runreplicator.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a JFR recording's execution samples say: the hottest methods by own time (top frame),
 * own time grouped by library, and the product's own methods by inclusive time.
 */
final class HotFrames {
    private static final int TOP = 15;

    private HotFrames() {
    }

    static String summarize(Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            String top = name(frames.get(0));
            self.merge(top, 1, Integer::sum);
            byLibrary.merge(library(top), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (isOurs(method) && seen.add(method)) {
                    ours.merge(method, 1, Integer::sum);
                }
            }
        }
        return "Execution samples: " + samples + "\n\n"
                + section("Top frames (own time)", self, samples)
                + section("Own time by library", byLibrary, samples)
                + section("Run Replicator methods (inclusive time)", ours, samples);
    }

    /** The product's own named methods: not its shaded libraries, not the engine's lambdas (their callers show the time). */
    private static boolean isOurs(String method) {
        return method.startsWith("org.runreplicator.") && !method.startsWith("org.runreplicator.shaded.")
                && !method.startsWith("org.runreplicator.bench.") && !method.contains("$$Lambda") && !method.contains(".lambda$");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The library a method belongs to, from its package: the shaded prefix removed, three levels kept. */
    private static String library(String method) {
        String name = method.replace("org.runreplicator.shaded.", "(shaded) ");
        String[] parts = name.split("\\.");
        int keep = Math.min(3, parts.length - 2);
        return String.join(".", List.of(parts).subList(0, Math.max(1, keep)));
    }

    private static String section(String title, Map<String, Integer> counts, int samples) {
        StringBuilder out = new StringBuilder("| " + title + " | samples | share |\n|---|---:|---:|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" | ")
                        .append(String.format("%.1f%%", 100.0 * e.getValue() / samples)).append(" |\n"));
        return out.append('\n').toString();
    }
}
