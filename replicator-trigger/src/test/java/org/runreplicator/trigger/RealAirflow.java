package org.runreplicator.trigger;

import java.io.IOException;
import java.net.InetAddress;
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
import java.util.concurrent.TimeUnit;

/**
 * A real Airflow 3 API server from the repository's pinned Airflow 3 environment ({@code bin/test}
 * builds it once and exports its directory as {@code AIRFLOW3_VENV}): SQLite in a temporary
 * {@code AIRFLOW_HOME}, the repository's {@code dags/} folder parsed into the database, the simple
 * auth manager letting every request in as admin (a local stand-in for Composer's Google
 * sign-in), served on a free loopback port. Without the variable the tests fail (they never skip).
 */
final class RealAirflow implements AutoCloseable {
    static final String VENV_VARIABLE = "AIRFLOW3_VENV";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path home;
    private final Path venv;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;

    RealAirflow(Path home) throws IOException, InterruptedException {
        String value = System.getenv(VENV_VARIABLE);
        if (value == null || value.isBlank() || !Files.isExecutable(Path.of(value, "bin", "airflow"))) {
            throw new IllegalStateException(VENV_VARIABLE + " does not name the Airflow 3 environment: run the tests through"
                    + " bin/test, which builds it once (cached) and exports the variable");
        }
        this.venv = Path.of(value);
        this.home = home;
        this.port = freePort();
        run("db", "migrate");
        run("dags", "reserialize");
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the API server and waits until it answers. */
    void start() throws IOException, InterruptedException {
        server = process(List.of("api-server", "-H", "127.0.0.1", "-p", String.valueOf(port), "-w", "1"), home.resolve("api-server.log"));
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("The Airflow API server exited with " + server.exitValue() + ": " + log());
            }
            try {
                if (get("/api/v2/monitor/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IOException("The Airflow API server did not answer within " + STARTUP + ": " + log());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String log() throws IOException {
        Path log = home.resolve("api-server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void run(String... args) throws IOException, InterruptedException {
        Path log = home.resolve("airflow-" + String.join("-", args) + ".log");
        Process p = process(List.of(args), log);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("airflow " + String.join(" ", args) + " did not finish within 120s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException("airflow " + String.join(" ", args) + " exited with " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private Process process(List<String> args, Path log) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(venv.resolve("bin").resolve("airflow").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("AIRFLOW_HOME", home.toString());
        env.put("AIRFLOW__CORE__DAGS_FOLDER", Paths.get("..", "dags").toAbsolutePath().normalize().toString());
        env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
        env.put("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS", "True");
        env.put("PATH", venv.resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server and the workers it started. */
    @Override
    public void close() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> children = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.destroy();
        }
    }
}
