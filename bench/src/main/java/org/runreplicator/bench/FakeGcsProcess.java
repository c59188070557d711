package org.runreplicator.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fake-gcs-server on a free loopback port with the in-memory backend, started as the product's
 * tests start it. The URL it writes into its answers (resumable upload sessions) is
 * {@code externalUrl}: the benchmark gives its proxy's, so uploads come back through the proxy.
 */
final class FakeGcsProcess implements AutoCloseable {
    static final String PROJECT = "replicator-bench";

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeGcsProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code binary} on {@code port}, answering as {@code externalHostPort} (host:port); waits until it answers. */
    static FakeGcsProcess start(Path binary, int port, String externalHostPort, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(binary.toString(), "-scheme", "http", "-host", "127.0.0.1",
                "-port", String.valueOf(port), "-backend", "memory", "-external-url", "http://" + externalHostPort,
                "-public-host", externalHostPort, "-log-level", "error"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A benchmark stopped by a signal skips its finally blocks: the server must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-fake-gcs-server"));
        FakeGcsProcess server = new FakeGcsProcess(process, port);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** The server itself, not through any proxy. */
    String directUrl() {
        return "http://127.0.0.1:" + port;
    }

    void createBucket(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(directUrl() + "/storage/v1/b?project=" + PROJECT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Cannot create bucket " + name + " on fake-gcs-server: " + response.statusCode() + " " + response.body());
        }
    }

    /** The process's resident set in bytes (its memory backend holds every object), or -1 if unknown. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("fake-gcs-server exited with status " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(directUrl() + "/storage/v1/b?project=" + PROJECT))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("fake-gcs-server did not answer on port " + port + " within 30 s");
    }
}
