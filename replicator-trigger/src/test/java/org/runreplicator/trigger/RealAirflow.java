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
 * A real Airflow serving its REST API on a free loopback port, from the repository's pinned
 * environments ({@code bin/test} builds them once and exports their directories): Airflow 3's API
 * server ({@code AIRFLOW3_VENV}, API v2) or Airflow 2's web server ({@code AIRFLOW2_VENV}, API v1).
 * SQLite in a temporary {@code AIRFLOW_HOME}, the repository's {@code dags/} folder parsed into the
 * database, and every request let in as admin (Airflow 3: the simple auth manager's all-admins mode;
 * Airflow 2: the public role is Admin): a local stand-in for Composer's Google sign-in, which the
 * function's token serves. Without the variable the tests fail (they never skip).
 */
final class RealAirflow implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final AirflowApiVersion version;
    private final Path home;
    private final Path venv;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process server;

    /** Prepares the database of the Airflow that serves {@code version} of the REST API. */
    RealAirflow(Path home, AirflowApiVersion version) throws IOException, InterruptedException {
        String variable = version == AirflowApiVersion.V2 ? "AIRFLOW3_VENV" : "AIRFLOW2_VENV";
        String value = System.getenv(variable);
        if (value == null || value.isBlank() || !Files.isExecutable(Path.of(value, "bin", "airflow"))) {
            throw new IllegalStateException(variable + " does not name a pinned Airflow environment: run the tests through"
                    + " bin/test, which builds it once (cached) and exports the variable");
        }
        this.version = version;
        this.venv = Path.of(value);
        this.home = home;
        this.port = freePort();
        run("db", "migrate");
        run("dags", "reserialize");
    }

    AirflowApiVersion version() {
        return version;
    }

    /** The DAG run as the REST API shows it. */
    HttpResponse<String> dagRun(String dagId, String runId) throws IOException, InterruptedException {
        return get(version.dagRunsPath(dagId) + "/" + runId);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the API server and waits until it answers. */
    void start() throws IOException, InterruptedException {
        String health;
        if (version == AirflowApiVersion.V2) {
            server = process(List.of("api-server", "-H", "127.0.0.1", "-p", String.valueOf(port), "-w", "1"), home.resolve("api-server.log"));
            health = "/api/v2/monitor/health";
        } else {
            // The web server's Flask-AppBuilder settings: password logins as by default, and anonymous requests get the Admin role.
            Files.writeString(home.resolve("webserver_config.py"), "from flask_appbuilder.const import AUTH_DB\n"
                    + "AUTH_TYPE = AUTH_DB\nAUTH_ROLE_PUBLIC = 'Admin'\n");
            server = process(List.of("webserver", "-H", "127.0.0.1", "-p", String.valueOf(port), "-w", "1"), home.resolve("api-server.log"));
            health = "/health";
        }
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("The Airflow API server exited with " + server.exitValue() + ": " + log());
            }
            try {
                if (get(health).statusCode() == 200) {
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
        env.put("AIRFLOW__API__AUTH_BACKENDS", "airflow.api.auth.backend.default");
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
