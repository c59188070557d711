package org.runreplicator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real MariaDB server (the MySQL-compatible server Debian packages as {@code mariadb-server}),
 * started once per JVM in a fresh temporary directory on a free loopback port with a
 * password-protected user, and stopped when the tests end. It stands in for Cloud SQL for MySQL:
 * clients connect with MySQL's own driver ({@code jdbc:mysql://}).
 */
public final class MariaDbServer {
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final String USER = "replicator";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Object LOCK = new Object();
    private static MariaDbServer shared;

    private final Path home;
    private final int port;
    private final String password;
    private final Process process;

    private MariaDbServer() throws IOException, InterruptedException, SQLException {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL_DB)) {
            throw new IllegalStateException("MariaDB server binaries (" + SERVER + ", " + INSTALL_DB + ") are missing:"
                    + " run the tests through bin/test, which installs the mariadb-server package");
        }
        this.home = Files.createTempDirectory("replicator-mariadb");
        this.port = freePort();
        this.password = UUID.randomUUID().toString();
        String user = System.getProperty("user.name");
        run(List.of(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + home.resolve("data"), "--user=" + user,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + home.resolve("data"),
                "--user=" + user, "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + home.resolve("socket"),
                "--pid-file=" + home.resolve("pid"), "--skip-log-bin", "--innodb-buffer-pool-size=32M",
                "--log-error=" + home.resolve("error.log")));
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("out.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "mariadb-stop"));
        try (Connection root = awaitRoot(); Statement s = root.createStatement()) {
            s.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT ALL ON *.* TO '" + USER + "'@'%'");
        }
    }

    /** The server for this JVM, started on first use. */
    public static MariaDbServer shared() {
        synchronized (LOCK) {
            if (shared == null) {
                try {
                    shared = new MariaDbServer();
                } catch (IOException | SQLException e) {
                    throw new IllegalStateException("Cannot start MariaDB: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting MariaDB", e);
                }
            }
            return shared;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private Connection awaitRoot() throws IOException, InterruptedException, SQLException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited with status " + process.exitValue() + ": " + errorLog());
            }
            try {
                return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        stop();
        throw new IOException("mariadbd did not accept connections within " + STARTUP + ": " + last + " " + errorLog());
    }

    private String errorLog() throws IOException {
        Path log = home.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** {@code jdbc:mysql://127.0.0.1:PORT/database}. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password);
    }

    /** Creates a fresh, empty database with a unique name starting with {@code prefix}; returns its name. */
    public String createDatabase(String prefix) throws SQLException {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Stops the server and removes its files; safe to call twice. */
    public void stop() {
        synchronized (this) {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
            if (Files.exists(home)) {
                try (Stream<Path> files = Files.walk(home)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    System.err.println("Cannot remove MariaDB's temporary files: " + e.getMessage());
                }
            }
        }
    }

    /** Starts the shared server before a test class and resolves {@code MariaDbServer} parameters. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(MariaDbServer.class))
                    .getOrComputeIfAbsent("server", key -> new Stopper(shared()), Stopper.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == MariaDbServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared();
        }
    }

    /** Closed by JUnit when the root context (the whole test run) ends. */
    private static final class Stopper implements AutoCloseable {
        private final MariaDbServer server;

        Stopper(MariaDbServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
