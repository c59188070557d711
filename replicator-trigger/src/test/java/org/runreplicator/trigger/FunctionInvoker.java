package org.runreplicator.trigger;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Functions Framework's own invoker ({@code java-function-invoker}) serving the deployable jar
 * ({@code target/deploy/replicator-trigger.jar}, what {@code gcloud functions deploy} uploads) in a
 * child JVM, configured by environment variables as Cloud Functions configures it. The invoker
 * binds every interface and has no host option, so it gets a random free port; tests talk to it on
 * loopback. Stopped by {@link #close}.
 */
final class FunctionInvoker implements AutoCloseable {
    static final Path DEPLOY_JAR = Paths.get("target", "deploy", "replicator-trigger.jar");
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final Path log;
    private final int port;

    FunctionInvoker(Map<String, String> env) throws IOException, InterruptedException {
        if (!Files.isRegularFile(DEPLOY_JAR)) {
            throw new IllegalStateException(DEPLOY_JAR + " is missing: the integration tests run after `mvn package` builds it");
        }
        this.port = freePort();
        this.log = Files.createTempFile("function-invoker", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", invokerJar(), "com.google.cloud.functions.invoker.runner.Invoker",
                "--classpath", DEPLOY_JAR.toAbsolutePath().toString(),
                "--target", RunTriggerFunction.class.getName(), "--port", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FUNCTION_SIGNATURE_TYPE", "cloudevent");
        builder.environment().putAll(env);
        this.process = builder.start();
        awaitListening();
    }

    int port() {
        return port;
    }

    /** Posts a Pub/Sub CloudEvent in binary content mode (attributes as {@code ce-*} headers), as Eventarc pushes it. */
    HttpResponse<String> binary(String id, String envelope) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri())
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-type", PubSubCloudEvent.MESSAGE_PUBLISHED)
                .header("ce-source", PubSubEvents.SOURCE)
                .header("ce-time", "2024-05-01T02:05:00.123Z")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)));
    }

    /** Posts a Pub/Sub CloudEvent in structured content mode (one {@code application/cloudevents+json} document). */
    HttpResponse<String> structured(String id, String envelope) throws IOException, InterruptedException {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + PubSubCloudEvent.MESSAGE_PUBLISHED
                + "\",\"source\":\"" + PubSubEvents.SOURCE + "\",\"time\":\"2024-05-01T02:05:00.123Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + envelope + "}";
        return send(HttpRequest.newBuilder(uri())
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(event)));
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private static String invokerJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("java-function-invoker")).findFirst()
                .orElseThrow(() -> new IllegalStateException("java-function-invoker is not on the test classpath"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("The function invoker exited with status " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("The function invoker did not listen within " + STARTUP + ": " + log());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            System.err.println("Cannot remove the invoker's log: " + e.getMessage());
        }
    }
}
