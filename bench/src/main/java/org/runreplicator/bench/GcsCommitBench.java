package org.runreplicator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.runreplicator.PartitionSpec;
import org.runreplicator.Secret;
import org.runreplicator.commit.CommitProtocols;
import org.runreplicator.commit.CommittedVersion;
import org.runreplicator.commit.PartitionManifest;
import org.runreplicator.commit.TableLocation;
import org.runreplicator.engine.ProgressListener;
import org.runreplicator.run.RunOptions;
import org.runreplicator.run.RunSummary;
import org.runreplicator.run.TableCopy;
import org.runreplicator.source.TableRef;
import org.runreplicator.split.SplitMethod;

/**
 * The commit on gs://, measured: for each partition size, Run Replicator's {@link TableCopy}
 * (in this JVM) copies that many rows of {@code bench.wide_uniform} into a partition on
 * fake-gcs-server, then copies them again, replacing the first version. The job reaches the server
 * through a {@link CountingProxy}, and the commit protocol is wrapped ({@link MeteredCommitProtocol})
 * so the bytes it sent are told apart: before the commit (the uploads), during it, after it.
 * During each replace, a {@link PartitionLister} on its own connection watches the partition path.
 * Every run is checked: the rows, and the partition path holding exactly the committed files.
 *
 * <p>Started by {@code bench/gcs-commit}, which provides PostgreSQL and the fake-gcs-server binary;
 * the password comes from {@code BENCH_PGPASSWORD}.
 */
public final class GcsCommitBench {
    private static final TableRef TABLE = new TableRef(BenchTable.SCHEMA, BenchTable.UNIFORM.tableName());
    private static final PartitionSpec PARTITION = new PartitionSpec("ds", "2026-01-01");
    private static final String JOB_ID = "gcs-commit-bench";

    /** Keeps the Cloud Storage connector's per-request INFO lines out of the output (a logger held weakly would forget its level). */
    private static final java.util.logging.Logger CONNECTOR_LOG = java.util.logging.Logger.getLogger("com.google.cloud.hadoop");

    private final GcsCommitSettings settings;
    private final String password;
    private final MemoryWatch memory = new MemoryWatch();
    private final List<CommitRun> runs = new ArrayList<>();

    private GcsCommitBench(GcsCommitSettings settings, String password) {
        this.settings = settings;
        this.password = password;
    }

    /** How the runs reach the store: the job through the proxy, checks and the lister directly. */
    private record Store(ProxyTraffic traffic, Configuration jobConf, FileSystem direct, String directUrl) {
    }

    public static void main(String[] args) throws Exception {
        CONNECTOR_LOG.setLevel(java.util.logging.Level.WARNING);
        new GcsCommitBench(GcsCommitSettings.parse(args), System.getenv("BENCH_PGPASSWORD")).run();
    }

    private void run() throws Exception {
        log("GCS commit benchmark: " + settings.describe());
        String loadBefore = loadAverage();
        Files.createDirectories(settings.work);
        generateTable();
        int serverPort = FakeGcsProcess.freePort();
        try (CountingProxy proxy = CountingProxy.start(new InetSocketAddress("127.0.0.1", serverPort));
             FakeGcsProcess server = FakeGcsProcess.start(settings.fakeGcsServer, serverPort, "127.0.0.1:" + proxy.port(),
                     settings.work.resolve("fake-gcs-server.log"))) {
            server.createBucket(settings.bucket);
            log("fake-gcs-server on 127.0.0.1:" + server.port() + ", the job reaches it through the proxy on 127.0.0.1:" + proxy.port());
            Configuration jobConf = connectorConf(proxy.url());
            try (FileSystem direct = FileSystem.newInstance(URI.create("gs://" + settings.bucket + "/"), connectorConf(server.directUrl()))) {
                Store store = new Store(proxy.traffic(), jobConf, direct, server.directUrl());
                for (GcsCommitSettings.PartitionSize size : settings.sizes) {
                    URI target = URI.create("gs://" + settings.bucket + "/gcs-commit/" + size.pathName());
                    RunSummary first = measure(size, target, store, null);
                    measure(size, target, store, first);
                    log(String.format("fake-gcs-server holds its objects in %,d MB of memory", server.residentBytes() / 1_000_000));
                }
            }
        }
        String report = "Settings: " + settings.describe() + "; load average (1, 5, 15 min) " + loadBefore + " at the start, "
                + loadAverage() + " at the end\n\n" + new GcsCommitReport(runs).render();
        java.nio.file.Path file = settings.work.resolve("results.md");
        Files.writeString(file, report);
        System.out.println(report);
        log("results written to " + file);
    }

    private void generateTable() throws Exception {
        long rows = settings.largestRows();
        long start = System.nanoTime();
        try (Connection source = DriverManager.getConnection(settings.url, settings.user, password)) {
            BenchTable.UNIFORM.create(source, rows);
        }
        log(String.format("generated %s (%,d rows) in %.1f s", BenchTable.UNIFORM.qualified(), rows, (System.nanoTime() - start) / 1e9));
    }

    /** One run into {@code target}: a first commit when {@code previous} is null, else a replace of its version, watched by a lister. */
    private RunSummary measure(GcsCommitSettings.PartitionSize size, URI target, Store store, RunSummary previous) throws Exception {
        String kind = previous == null ? "first" : "replace";
        TableLocation location = TableLocation.of(target, TABLE);
        String partitionPath = location.partitionDir(PARTITION).toUri().getPath().substring(1);
        ListingWatcher watcher = previous == null ? null
                : new ListingWatcher(new PartitionLister(store.directUrl(), settings.bucket, partitionPath));
        ProxyTraffic traffic = store.traffic();
        MeteredCommitProtocol protocol = new MeteredCommitProtocol(
                CommitProtocols.forTable(target, TABLE, store.jobConf(), List.of(), Clock.systemUTC()), traffic,
                watcher == null ? MeteredCommitProtocol.CommitWatcher.NONE : watcher);
        RunOptions options = RunOptions.builder()
                .table(TABLE).sourceUrl(settings.url).sourceUser(settings.user).sourcePassword(Secret.of(password))
                .target(target).partition(PARTITION).jobId(JOB_ID)
                .splitMethod(SplitMethod.RANGE).splitBy(BenchTable.KEY).splits(settings.splits)
                .where(BenchTable.KEY + " <= " + size.rows())
                .maxConnections(settings.connections).fetchSize(settings.fetchSize)
                .build();

        System.gc(); // so the run's heap figures start from what the previous run left live, not its garbage
        memory.reset();
        ProxyTraffic.Mark started = traffic.mark();
        RunSummary summary;
        try {
            summary = new TableCopy(options, store.jobConf()).withCommitProtocol(protocol).run(ProgressListener.NONE);
        } catch (RuntimeException e) {
            writeRequests(size, kind + "-failed", started.atNanos(), List.of(traffic.between(started, traffic.mark())));
            throw e;
        }
        long peakRss = memory.peakRssBytes();
        long maxHeap = memory.maxHeapAfterGcBytes();

        MeteredCommitProtocol.Marks marks = protocol.marks();
        TrafficWindow before = traffic.between(marks.begun(), marks.commitStarted());
        TrafficWindow during = traffic.between(marks.commitStarted(), marks.commitEnded());
        TrafficWindow after = traffic.between(marks.commitEnded(), marks.closed());
        PartitionManifest manifest = check(size, summary, store.direct(), location, before);
        VisibilityWindow visibility = null;
        if (previous != null) {
            visibility = VisibilityWindow.of(watcher.listings(), versionName(previous), previous.files, versionName(summary), summary.files);
        }
        long largestFile = manifest.files.stream().mapToLong(e -> e.bytes).max().orElse(0);
        CommitRun run = new CommitRun(size, kind, summary.rows, summary.files, summary.bytes, largestFile, summary.seconds,
                marks.commitWallSeconds(), summary.commitSeconds, before, during, after, peakRss, maxHeap, visibility);
        runs.add(run);
        writeRequests(size, kind, marks.begun().atNanos(), List.of(before, during, after));
        log(String.format("%s %s: %,d rows, %d files, %,d bytes in %.1f s; commit %.3f s, %,d bytes sent during it (%d requests),"
                        + " %,d before it; peak RSS %,d MB, max heap after GC %,d MB%s", size.label(), kind, summary.rows, summary.files,
                summary.bytes, summary.seconds, marks.commitWallSeconds(), during.bytesToServer(), during.exchanges().size(),
                before.bytesToServer(), peakRss / 1_000_000, maxHeap / 1_000_000,
                visibility == null ? "" : "; two versions visible " + GcsCommitReport.window(visibility)));
        return summary;
    }

    /**
     * Refuses a run that did not do what it reports: the rows asked for, the commit log naming this
     * run, the partition path holding exactly the committed files at their sizes (so the previous
     * version is gone), and every Parquet byte having gone through the proxy (else the counts
     * would miss uploads).
     */
    private PartitionManifest check(GcsCommitSettings.PartitionSize size, RunSummary summary, FileSystem direct, TableLocation location,
            TrafficWindow beforeCommit) throws IOException {
        if (summary.rows != size.rows()) {
            throw new IllegalStateException("Copied " + summary.rows + " rows of " + TABLE + " into " + summary.location
                    + ", expected " + size.rows());
        }
        CommittedVersion current = CommittedVersion.current(direct, location, PARTITION)
                .orElseThrow(() -> new IllegalStateException("No committed version of " + location.partitionDir(PARTITION)));
        PartitionManifest manifest = current.manifest();
        if (!manifest.runId.equals(summary.runId) || manifest.rows != summary.rows) {
            throw new IllegalStateException("The commit log of " + location.partitionDir(PARTITION) + " names run " + manifest.runId
                    + " with " + manifest.rows + " rows, not run " + summary.runId + " with " + summary.rows);
        }
        Map<String, Long> expected = new HashMap<>();
        for (PartitionManifest.Entry e : manifest.files) {
            expected.put(new Path(current.directory(), e.file).toUri().getPath(), e.bytes);
        }
        Map<String, Long> visible = new HashMap<>();
        RemoteIterator<LocatedFileStatus> it = direct.listFiles(location.partitionDir(PARTITION), true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            String path = f.getPath().toUri().getPath();
            if (!path.contains("/_commits/")) {
                visible.put(path, f.getLen());
            }
        }
        if (!visible.equals(expected)) {
            throw new IllegalStateException("The partition path " + location.partitionDir(PARTITION) + " holds " + visible
                    + ", the commit log names " + expected);
        }
        if (beforeCommit.bytesToServer() < summary.bytes) {
            throw new IllegalStateException("Only " + beforeCommit.bytesToServer() + " bytes went through the proxy before the commit"
                    + " for " + summary.bytes + " bytes of Parquet: uploads bypassed it, so its counts mean nothing");
        }
        return manifest;
    }

    /** Every request of the run (before, during and after the commit), for a reader who wants to see what the counts are made of. */
    private void writeRequests(GcsCommitSettings.PartitionSize size, String kind, long startNanos, List<TrafficWindow> phases)
            throws IOException {
        String[] names = phases.size() == 1 ? new String[] {"run"} : new String[] {"before", "commit", "after"};
        StringBuilder tsv = new StringBuilder("phase\tseconds\tkind\tmethod\theader_bytes\tbody_bytes\tstatus\tserver_ms\ttarget\n");
        for (int i = 0; i < phases.size(); i++) {
            for (Exchange e : phases.get(i).exchanges()) {
                tsv.append(names[i]).append('\t').append(String.format(Locale.ROOT, "%.3f", (e.sentNanos() - startNanos) / 1e9))
                        .append('\t').append(TrafficWindow.kind(e)).append('\t').append(e.method())
                        .append('\t').append(e.request().headerBytes()).append('\t').append(e.bodyBytes())
                        .append('\t').append(e.status())
                        .append('\t').append(String.format(Locale.ROOT, "%.1f", e.serverNanos() / 1e6))
                        .append('\t').append(e.target()).append('\n');
            }
        }
        Files.writeString(settings.work.resolve("requests-" + size.pathName() + "-" + kind + ".tsv"), tsv);
    }

    private static String versionName(RunSummary summary) {
        return new Path(summary.location).getName();
    }

    /** The Cloud Storage connector's settings for fake-gcs-server (PLATFORM-NOTES, and a longer read timeout), with its JSON API at {@code rootUrl}. */
    private static Configuration connectorConf(String rootUrl) {
        Configuration conf = new Configuration();
        conf.set("fs.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem");
        conf.set("fs.AbstractFileSystem.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS");
        conf.set("fs.gs.storage.root.url", rootUrl + "/");
        conf.set("fs.gs.auth.type", "UNAUTHENTICATED");
        conf.set("fs.gs.project.id", FakeGcsProcess.PROJECT);
        // The fake lacks the objects' move call: the connector then renames by server-side copy and delete.
        conf.set("fs.gs.operation.move.enable", "false");
        // The fake finishes a resumable upload by hashing the whole object in memory: for a 270 MB file on a
        // busy 2-core machine that took over the connector's 5 s read timeout, and the connector's recovery
        // then finds the finished session gone (404). Waiting longer changes no byte that is sent.
        conf.set("fs.gs.http.read-timeout", "120s");
        return conf;
    }

    /** The machine's load averages: on a shared machine, what else was competing for its cores. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void log(String line) {
        System.err.println("gcs-commit: " + line);
    }

    /** Runs a {@link PartitionLister} for exactly the duration of the commit. */
    private static final class ListingWatcher implements MeteredCommitProtocol.CommitWatcher {
        private final PartitionLister lister;
        private List<PartitionLister.Listing> listings = List.of();

        ListingWatcher(PartitionLister lister) {
            this.lister = lister;
        }

        @Override
        public void commitStarting() {
            try {
                lister.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the partition lister", e);
            }
        }

        @Override
        public void commitEnded() {
            try {
                listings = lister.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("The partition lister failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping the partition lister", e);
            }
        }

        List<PartitionLister.Listing> listings() {
            return listings;
        }
    }
}
