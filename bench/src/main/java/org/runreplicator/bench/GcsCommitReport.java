package org.runreplicator.bench;

import java.util.DoubleSummaryStatistics;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders {@link GcsCommitBench}'s runs as Markdown: the commit itself, then the copy around it and memory. */
final class GcsCommitReport {
    private final List<CommitRun> runs;

    GcsCommitReport(List<CommitRun> runs) {
        this.runs = runs;
    }

    String render() {
        StringBuilder out = new StringBuilder()
                .append("| partition | run | files | Parquet bytes | commit wall s (measured / summary) | bytes sent during the commit"
                        + " | of which request bodies (largest) | bytes received during the commit | requests during the commit"
                        + " | slowest answer during the commit, s |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (CommitRun r : runs) {
            TrafficWindow c = r.duringCommit();
            out.append("| ").append(r.size().label()).append(" | ").append(r.run())
                    .append(" | ").append(r.files())
                    .append(" | ").append(bytes(r.partitionBytes()))
                    .append(" | ").append(fmt(r.commitWallSeconds(), 3)).append(" / ").append(fmt(r.reportedCommitSeconds(), 3))
                    .append(" | ").append(bytes(c.bytesToServer()))
                    .append(" | ").append(bytes(c.bodyBytes())).append(" (")
                    .append(c.largestBody().map(q -> bytes(q.bodyBytes())).orElse("0")).append(")")
                    .append(" | ").append(bytes(c.bytesToClient()))
                    .append(" | ").append(requests(c))
                    .append(" | ").append(c.slowestAnswer().map(e -> TrafficWindow.kind(e) + " " + fmt(e.serverNanos() / 1e9, 3)).orElse("-"))
                    .append(" |\n");
        }
        out.append('\n')
                .append("| partition | run | rows | run s | bytes sent before the commit (copy) | bytes sent after the commit"
                        + " | file uploads: requests per file (largest MB) | first to last request of a file, s"
                        + " | two versions visible to a lister | listings: all / saw both / saw part of a version (median time)"
                        + " | peak RSS MB | max heap after GC MB | largest file MB |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CommitRun r : runs) {
            VisibilityWindow v = r.visibility();
            out.append("| ").append(r.size().label()).append(" | ").append(r.run())
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", r.rows()))
                    .append(" | ").append(fmt(r.runSeconds(), 1))
                    .append(" | ").append(bytes(r.beforeCommit().bytesToServer()))
                    .append(" | ").append(bytes(r.afterCommit().bytesToServer()))
                    .append(" | ").append(uploadRequests(r.beforeCommit().dataUploads()))
                    .append(" | ").append(uploadSpans(r.beforeCommit().dataUploads()))
                    .append(" | ").append(v == null ? "-" : window(v))
                    .append(" | ").append(v == null ? "-" : v.listings() + " / " + v.listingsSeeingBoth() + " / " + v.listingsSeeingPart()
                            + " (" + fmt(v.medianListingNanos() / 1e6, 1) + " ms each)")
                    .append(" | ").append(r.peakRssBytes() < 0 ? "n/a" : mib(r.peakRssBytes()))
                    .append(" | ").append(mib(r.maxHeapAfterGcBytes()))
                    .append(" | ").append(mib(r.largestFileBytes()))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** {@code 12.3–30.1 ms}: the bounds {@link VisibilityWindow} derives; a missing upper bound shows as {@code >= lower}. */
    static String window(VisibilityWindow v) {
        String lower = fmt(v.lowerNanos() / 1e6, 1);
        if (v.upperNanos().isEmpty()) {
            return ">= " + lower + " ms";
        }
        return lower + "–" + fmt(v.upperNanos().getAsLong() / 1e6, 1) + " ms";
    }

    /** {@code 31: copy 4, delete 4, list 7, ...}: the count, then each kind. */
    static String requests(TrafficWindow w) {
        Map<String, Integer> kinds = w.countsByKind();
        String each = kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        String partial = w.unparsedBytes() > 0 ? "; " + bytes(w.unparsedBytes()) + " bytes not parsed" : "";
        return w.exchanges().size() + ": " + each + partial;
    }

    /** {@code 10–11 (25.2)}: the fewest and most requests that carried one file's data, and the largest request in MB. */
    static String uploadRequests(List<TrafficWindow.UploadSession> uploads) {
        if (uploads.isEmpty()) {
            return "-";
        }
        IntSummaryStatistics requests = uploads.stream().mapToInt(TrafficWindow.UploadSession::requests).summaryStatistics();
        long largest = uploads.stream().mapToLong(TrafficWindow.UploadSession::largestRequest).max().orElse(0);
        return range(requests.getMin(), requests.getMax()) + " (" + fmt(largest / 1e6, 1) + ")";
    }

    /** {@code 8.1–9.0}: over the files, the shortest and longest time from the first request carrying its data to the last. */
    static String uploadSpans(List<TrafficWindow.UploadSession> uploads) {
        if (uploads.isEmpty()) {
            return "-";
        }
        DoubleSummaryStatistics spans = uploads.stream().mapToDouble(TrafficWindow.UploadSession::spanSeconds).summaryStatistics();
        return fmt(spans.getMin(), 1) + "–" + fmt(spans.getMax(), 1);
    }

    private static String range(int min, int max) {
        return min == max ? String.valueOf(min) : min + "–" + max;
    }

    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String mib(long bytes) {
        return fmt(bytes / 1e6, 0);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
