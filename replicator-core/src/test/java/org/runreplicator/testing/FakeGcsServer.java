package org.runreplicator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * fake-gcs-server (Go, built once by bin/test) on a free loopback port, with the settings under
 * which the real Cloud Storage connector talks to it. One server per test JVM, stopped when the
 * JVM exits. The connector renames through copy and delete here ({@code fs.gs.operation.move.enable=false}):
 * the fake lacks the objects' move call that real Cloud Storage has.
 */
public final class FakeGcsServer {
    public static final String PROJECT = "replicator-test";
    private static final String VERSION = "v1.56.1";
    private static FakeGcsServer shared;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeGcsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The JVM's server, started on first use. */
    public static synchronized FakeGcsServer shared() {
        if (shared == null) {
            shared = start();
            FakeGcsServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return shared;
    }

    private static FakeGcsServer start() {
        Path binary = binary();
        int port = freePort();
        String address = "127.0.0.1:" + port;
        try {
            Process process = new ProcessBuilder(List.of(binary.toString(), "-scheme", "http", "-host", "127.0.0.1",
                    "-port", String.valueOf(port), "-backend", "memory", "-external-url", "http://" + address,
                    "-public-host", address, "-log-level", "error"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            FakeGcsServer server = new FakeGcsServer(process, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
    }

    /** http://127.0.0.1:PORT */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The connector settings for this server ({@code -D} keys a user would pass). */
    public Map<String, String> connectorSettings() {
        return Map.of(
                "fs.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem",
                "fs.AbstractFileSystem.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS",
                "fs.gs.storage.root.url", url() + "/",
                "fs.gs.auth.type", "UNAUTHENTICATED",
                "fs.gs.project.id", PROJECT,
                "fs.gs.operation.move.enable", "false",
                // Each test creates its own bucket: cached file systems must not outlive it.
                "fs.gs.impl.disable.cache", "true");
    }

    public Configuration hadoopConf() {
        Configuration conf = new Configuration();
        connectorSettings().forEach(conf::set);
        return conf;
    }

    /** Creates bucket {@code name} (3 to 63 characters). */
    public void createBucket(String name) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url() + "/storage/v1/b?project=" + PROJECT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Cannot create bucket " + name + ": " + response.statusCode() + " " + response.body());
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("fake-gcs-server exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/storage/v1/b?project=" + PROJECT))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        throw new IllegalStateException("fake-gcs-server did not answer on port " + port + " within 30 s");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        process.destroy();
    }

    /** The binary bin/test built: $FAKE_GCS_SERVER_BIN, else its place in the build cache. */
    static Path binary() {
        String given = System.getenv("FAKE_GCS_SERVER_BIN");
        Path path = given != null && !given.isBlank() ? Paths.get(given) : GoTools.cached("fake-gcs-server-" + VERSION, "fake-gcs-server");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("fake-gcs-server is not built at " + path + ": run bin/test, which builds it once");
        }
        return path;
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
