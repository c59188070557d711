package org.runreplicator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path reader watching a partition from outside the run: lists the objects under the partition
 * path over and over, each time in one request to the store's JSON API on its own connection (not
 * through the counting proxy, so its requests are not the job's), and records which version
 * directories it saw, with how many files each: what a query engine listing the partition at that
 * moment would have read. One request per listing keeps each a single snapshot and the listings
 * close together, so the window they bound is tight.
 */
final class PartitionLister {
    /** A pause between listings, so the watcher does not take a whole core from the commit it watches. */
    private static final long PAUSE_MILLIS = 2;
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One listing: when it ran ({@link System#nanoTime()}) and the files it found per visible version directory. */
    record Listing(long startNanos, long endNanos, Map<String, Integer> filesByVersion) {
        int files(String version) {
            return filesByVersion.getOrDefault(version, 0);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI listUri;
    private final String prefix;
    private final List<Listing> listings = new ArrayList<>();
    private final CountDownLatch firstListing = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Exception failure;
    private Thread thread;

    /** Watches the objects of {@code bucket} under {@code partitionPath} (no leading or trailing slash) at the JSON API {@code serverUrl}. */
    PartitionLister(String serverUrl, String bucket, String partitionPath) {
        this.prefix = partitionPath + "/";
        this.listUri = URI.create(serverUrl + "/storage/v1/b/" + bucket + "/o?maxResults=1000&prefix="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
    }

    /** Starts listing; returns once the first listing is done, so it shows the partition before what follows. */
    void start() throws InterruptedException {
        thread = new Thread(this::listUntilStopped, "partition-lister");
        thread.setDaemon(true);
        thread.start();
        firstListing.await();
    }

    /** Stops after one more whole listing (which shows the partition after what preceded the call); returns them all. */
    List<Listing> stop() throws InterruptedException, IOException {
        stopping = true;
        thread.join();
        if (failure != null) {
            throw new IOException("Cannot list " + listUri + ": " + failure.getMessage(), failure);
        }
        return List.copyOf(listings);
    }

    /**
     * The data files per version directory in a JSON API object listing of the objects under
     * {@code prefix}: {@code run-x/part-0.parquet} counts for {@code run-x}; directory placeholders
     * ({@code run-x/}) and hidden directories ({@code _commits}) do not count.
     */
    static Map<String, Integer> filesByVersion(String json, String prefix) throws IOException {
        if (json.contains("\"nextPageToken\"")) {
            throw new IOException("The listing of " + prefix + " has more than one page");
        }
        Map<String, Integer> files = new TreeMap<>();
        for (Matcher m = NAME.matcher(json); m.find(); ) {
            String name = m.group(1).replace("\\/", "/");
            if (!name.startsWith(prefix) || name.endsWith("/")) {
                continue;
            }
            String relative = name.substring(prefix.length());
            int slash = relative.indexOf('/');
            String top = slash < 0 ? relative : relative.substring(0, slash);
            if (slash > 0 && !top.startsWith("_") && !top.startsWith(".")) {
                files.merge(top, 1, Integer::sum);
            }
        }
        return files;
    }

    private void listUntilStopped() {
        try {
            while (true) {
                boolean last = stopping;
                long start = System.nanoTime();
                Map<String, Integer> seen = filesByVersion(list(), prefix);
                listings.add(new Listing(start, System.nanoTime(), seen));
                firstListing.countDown();
                if (last) {
                    return;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            firstListing.countDown();
        }
    }

    private String list() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(listUri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("status " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
