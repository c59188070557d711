package org.runreplicator.testing;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * goccy/bigquery-emulator, the binary {@code bin/test} builds once and exports as
 * {@code BIGQUERY_EMULATOR_BIN}, started once per JVM on free loopback ports with project
 * {@value #PROJECT} and dataset {@value #DATASET}, and stopped when the tests end. Without the
 * variable the tests fail (they never skip): run them through {@code bin/test}.
 *
 * <p>Use with {@code @ExtendWith(BigQueryEmulator.Extension.class)} and a {@code BigQueryEmulator}
 * parameter, or call {@link #shared()}.
 */
public final class BigQueryEmulator {
    public static final String BINARY_VARIABLE = "BIGQUERY_EMULATOR_BIN";
    public static final String PROJECT = "replicator-test";
    public static final String DATASET = "ops";
    private static final Duration STARTUP = Duration.ofSeconds(20);
    private static final Object LOCK = new Object();
    private static BigQueryEmulator shared;

    private final Process process;
    private final Path log;
    private final int port;

    private BigQueryEmulator(Path binary) throws IOException, InterruptedException {
        this.port = freePort();
        int grpcPort = freePort();
        this.log = Files.createTempFile("bigquery-emulator", ".log");
        this.process = new ProcessBuilder(List.of(binary.toString(), "--project=" + PROJECT, "--dataset=" + DATASET,
                "--host=127.0.0.1", "--port=" + port, "--grpc-port=" + grpcPort))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "bigquery-emulator-stop"));
        awaitReady();
    }

    /** The emulator for this JVM, started on first use. */
    public static BigQueryEmulator shared() {
        synchronized (LOCK) {
            if (shared == null) {
                try {
                    shared = new BigQueryEmulator(binary());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot start the BigQuery emulator: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting the BigQuery emulator", e);
                }
            }
            return shared;
        }
    }

    static Path binary() {
        String value = System.getenv(BINARY_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(BINARY_VARIABLE + " is not set: run the tests through bin/test, which builds"
                    + " the BigQuery emulator once (cached) and exports the variable");
        }
        Path binary = Path.of(value);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(BINARY_VARIABLE + "=" + value + " is not an executable file: run bin/test to build it");
        }
        return binary;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the emulator exited with status " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpURLConnection http = (HttpURLConnection) new URL("http://" + host() + "/bigquery/v2/projects/" + PROJECT
                        + "/datasets").openConnection();
                http.setConnectTimeout(500);
                http.setReadTimeout(2000);
                if (http.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        stop();
        throw new IOException("the emulator did not answer within " + STARTUP + ": " + Files.readString(log));
    }

    /** {@code 127.0.0.1:PORT}, the form {@code BIGQUERY_EMULATOR_HOST} takes. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** A client of the emulator, without credentials. */
    public BigQuery client() {
        return BigQueryOptions.newBuilder().setHost("http://" + host()).setProjectId(PROJECT)
                .setCredentials(NoCredentials.getInstance()).build().getService();
    }

    /** Stops the emulator; safe to call twice. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            System.err.println("Cannot remove the emulator's log: " + e.getMessage());
        }
    }

    /** Starts the shared emulator before a test class and resolves {@code BigQueryEmulator} parameters. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(BigQueryEmulator.class))
                    .getOrComputeIfAbsent("emulator", key -> new Stopper(shared()), Stopper.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == BigQueryEmulator.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared();
        }
    }

    /** Closed by JUnit when the root context (the whole test run) ends. */
    private static final class Stopper implements AutoCloseable {
        private final BigQueryEmulator emulator;

        Stopper(BigQueryEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        public void close() {
            emulator.stop();
        }
    }
}
