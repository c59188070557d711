package org.runreplicator.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traffic between two {@link ProxyTraffic.Mark}s: bytes each way and the exchanges whose
 * requests the client completed. {@code unparsedBytes} are bytes no message could be told from
 * (zero when the breakdown is whole).
 */
record TrafficWindow(long bytesToServer, long bytesToClient, long unparsedBytes, List<Exchange> exchanges) {

    private static final Pattern UPLOAD_ID = Pattern.compile("[?&]upload_id=([^&]+)");

    /** Uploads that carried at least this much are file data, not metadata (commit log entries, leases, placeholders). */
    static final long DATA_UPLOAD_MIN_BYTES = 64 * 1024;

    /**
     * One resumable upload session (one file) that carried data: how many requests sent its bytes,
     * the largest, and when the first and the last of them completed.
     */
    record UploadSession(String uploadId, int requests, long bytes, long largestRequest, long firstNanos, long lastNanos) {
        double spanSeconds() {
            return (lastNanos - firstNanos) / 1e9;
        }
    }

    /** Request bodies only (what an upload carries), without the request lines and headers. */
    long bodyBytes() {
        return exchanges.stream().mapToLong(Exchange::bodyBytes).sum();
    }

    Optional<Exchange> largestBody() {
        return exchanges.stream().max(Comparator.comparingLong(Exchange::bodyBytes));
    }

    /** The exchange the server took longest to answer, if any was answered. */
    Optional<Exchange> slowestAnswer() {
        return exchanges.stream().filter(e -> e.serverNanos() >= 0).max(Comparator.comparingLong(Exchange::serverNanos));
    }

    /** How many requests of each kind ({@link #kind}), by name. */
    Map<String, Integer> countsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        exchanges.forEach(r -> counts.merge(kind(r), 1, Integer::sum));
        return counts;
    }

    /** The resumable upload sessions of this window that sent at least {@link #DATA_UPLOAD_MIN_BYTES}, in order of their first request. */
    List<UploadSession> dataUploads() {
        Map<String, List<Exchange>> sessions = new LinkedHashMap<>();
        for (Exchange r : exchanges) {
            Matcher id = UPLOAD_ID.matcher(r.target());
            if (r.method().equals("PUT") && id.find() && r.bodyBytes() > 0) {
                sessions.computeIfAbsent(id.group(1), k -> new ArrayList<>()).add(r);
            }
        }
        List<UploadSession> data = new ArrayList<>();
        sessions.forEach((id, puts) -> {
            long bytes = puts.stream().mapToLong(Exchange::bodyBytes).sum();
            if (bytes >= DATA_UPLOAD_MIN_BYTES) {
                data.add(new UploadSession(id, puts.size(), bytes,
                        puts.stream().mapToLong(Exchange::bodyBytes).max().orElse(0),
                        puts.get(0).sentNanos(), puts.get(puts.size() - 1).sentNanos()));
            }
        });
        return data;
    }

    /**
     * What a Cloud Storage JSON API request does, from its method and target: {@code upload}
     * (media, simple or resumable), {@code copy} (server-side copy or rewrite), {@code compose},
     * {@code delete}, {@code read} (object content), {@code list}, {@code metadata} (an object or
     * bucket's metadata), else the method in lower case.
     */
    static String kind(Exchange request) {
        String method = request.method();
        String path = request.target();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if (bare.startsWith("/upload/")) {
            return "upload";
        }
        if (bare.contains("/copyTo/") || bare.contains("/rewriteTo/")) {
            return "copy";
        }
        if (bare.endsWith("/compose")) {
            return "compose";
        }
        if (method.equals("DELETE")) {
            return "delete";
        }
        if (method.equals("GET")) {
            if (bare.startsWith("/download/") || path.contains("alt=media")) {
                return "read";
            }
            return bare.endsWith("/o") ? "list" : "metadata";
        }
        return method.toLowerCase(java.util.Locale.ROOT);
    }
}
